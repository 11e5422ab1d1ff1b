import { InboxOutlined } from '@ant-design/icons';
import { type ImportIssue, type ImportReport, importLimits, importReport } from '@hangbiao/shared/contracts/imports';
import { importActions, type MemberSheetLayout, memberSheetLayouts } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Radio, Result, Row, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorText, exchangeFile } from '../../app/api';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { memberTemplateHref, xlsxType } from './member-export';
import { memberKeys } from './member-queries';

const importPath = '/api/members/import';
const megabytes = importLimits.uploadBytes / 1024 / 1024;
const actionColors = { create: 'green', update: 'blue', unchanged: 'default' } as const;

type PreviewRow = ImportReport['preview'][number];

/** Hands a file received from the server to the browser's downloads. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type IssueRow = ImportIssue & { key: number };

const issueColumns: ColumnsType<IssueRow> = [
  { key: 'row', title: '行号', dataIndex: 'row', width: 80 },
  { key: 'column', title: '列', render: (_, issue) => issue.column ?? '整行', width: 160 },
  { key: 'message', title: '问题', dataIndex: 'message' },
];

function previewColumns(report: ImportReport): ColumnsType<PreviewRow> {
  return [
    { key: 'row', title: '行号', dataIndex: 'row', width: 70, fixed: 'left' },
    {
      key: 'action',
      title: '操作',
      width: 80,
      fixed: 'left',
      render: (_, row) => <Tag color={actionColors[row.action]}>{importActions.label(row.action)}</Tag>,
    },
    ...report.columns.map((title, i) => ({ key: title, title, render: (_: unknown, row: PreviewRow) => row.cells[i] })),
  ];
}

function Counts({ report }: { report: ImportReport }) {
  const counts = [
    { key: 'rows', title: '读取行数', value: report.rows },
    { key: 'created', title: '新增', value: report.created },
    { key: 'updated', title: '更新', value: report.updated },
    { key: 'unchanged', title: '无变化', value: report.unchanged },
    { key: 'failed', title: '有误行数', value: report.failed },
  ];
  return (
    <Row gutter={[16, 16]}>
      {counts.map((count) => (
        <Col key={count.key} xs={12} sm={8} md={4}>
          <Card size="small" data-testid={`import-${count.key}`}>
            <Statistic
              title={count.title}
              value={count.value}
              styles={count.key === 'failed' && count.value > 0 ? { content: { color: '#cf1322' } } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 党员批量导入: choose the layout and an .xlsx, see every row checked (counts, the rows at fault, the first rows as they
 * will be written), then import all of them at once, or download the sheet back with an error column to fix it.
 */
export function MemberImportPage() {
  const [layout, setLayout] = useState<MemberSheetLayout>('registry');
  const [file, setFile] = useState<File>();
  const [done, setDone] = useState<ImportReport>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const check = useMutation({ mutationFn: (upload: File) => api.upload(`${importPath}/preview`, importReport, upload, { layout }) });
  const commit = useMutation({
    mutationFn: (upload: File) => api.upload(importPath, importReport, upload, { layout }),
    onSuccess: async (report) => {
      setDone(report);
      await client.invalidateQueries({ queryKey: memberKeys.all });
    },
  });
  const errorReport = useMutation({
    mutationFn: async (upload: File) => {
      const { blob, filename } = await exchangeFile(`${importPath}/errors`, upload, { layout });
      save(blob, filename ?? '导入错误报告.xlsx');
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const restart = () => {
    setFile(undefined);
    setDone(undefined);
    check.reset();
    commit.reset();
  };
  const choose = (picked: File) => {
    // The server takes the workbook by its content type, which some systems leave empty for .xlsx.
    const upload = new File([picked], picked.name, { type: xlsxType });
    restart();
    setFile(upload);
    check.mutate(upload);
  };

  const report = check.data;
  const step = done ? 2 : report ? 1 : 0;

  return (
    <>
      <PageHeader title="党员批量导入" extra={<Button onClick={() => navigate('/members')}>返回党员名册</Button>} />
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '选择文件' }, { title: '检查与预览' }, { title: '完成' }]} />

      {step === 0 && (
        <Card>
          <Flex vertical gap={16}>
            <Flex gap={12} align="center" wrap>
              <Typography.Text>文件格式</Typography.Text>
              <Radio.Group
                optionType="button"
                value={layout}
                onChange={(event) => setLayout(event.target.value as MemberSheetLayout)}
                options={memberSheetLayouts.keys.map((value) => ({ value, label: memberSheetLayouts.label(value) }))}
              />
              <a href={memberTemplateHref(layout)} download>
                下载{memberSheetLayouts.label(layout)}模板
              </a>
            </Flex>
            <Upload.Dragger
              accept=".xlsx"
              showUploadList={false}
              disabled={check.isPending}
              beforeUpload={(picked) => {
                if (picked.size > importLimits.uploadBytes) {
                  void message.error(`文件超过 ${megabytes} MB`);
                  return Upload.LIST_IGNORE;
                }
                choose(picked);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入 Excel 文件（.xlsx，不超过 {megabytes} MB）</p>
              <p className="ant-upload-hint">先逐行检查并预览；确认后一次导入全部数据，有任何错误时不写入任何数据。</p>
            </Upload.Dragger>
            {check.isPending && <Alert type="info" showIcon title={`正在检查 ${file?.name ?? ''}…`} />}
            {check.error && <ErrorAlert error={check.error} />}
          </Flex>
        </Card>
      )}

      {step === 1 && report && file && (
        <Card title={`检查结果 · ${file.name}`} extra={<Button onClick={restart}>重新选择文件</Button>}>
          <Flex vertical gap={16}>
            <Counts report={report} />
            {report.failed > 0 ? (
              <Alert
                type="error"
                showIcon
                data-testid="import-errors"
                title={`共 ${report.failed} 行有误（${report.issueCount} 处），不能导入`}
                description="请下载错误报告，按“错误说明”列修改标红的单元格后重新上传。"
                action={
                  <Button danger loading={errorReport.isPending} onClick={() => errorReport.mutate(file)}>
                    下载错误报告
                  </Button>
                }
              />
            ) : (
              <Alert type="success" showIcon title={`检查通过：将新增 ${report.created} 人，更新 ${report.updated} 人，${report.unchanged} 人无变化`} />
            )}
            {report.issues.length > 0 && (
              <Table<IssueRow>
                size="small"
                columns={issueColumns}
                dataSource={report.issues.map((issue, key) => ({ ...issue, key }))}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                footer={report.issueCount > report.issues.length ? () => `仅列出前 ${report.issues.length} 处，全部错误见错误报告` : undefined}
              />
            )}
            {report.preview.length > 0 && (
              <>
                <Typography.Text type="secondary">前 {report.preview.length} 行预览</Typography.Text>
                <Table<PreviewRow>
                  size="small"
                  rowKey="row"
                  columns={previewColumns(report)}
                  dataSource={report.preview}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                />
              </>
            )}
            {commit.error && <ErrorAlert error={commit.error} />}
            <Flex justify="end" gap={8}>
              <Button onClick={restart}>取消</Button>
              <Button
                type="primary"
                disabled={report.failed > 0 || report.created + report.updated === 0}
                loading={commit.isPending}
                onClick={() => commit.mutate(file)}
              >
                确认导入
              </Button>
            </Flex>
          </Flex>
        </Card>
      )}

      {done && (
        <Result
          status="success"
          title="导入完成"
          subTitle={`新增 ${done.created} 人，更新 ${done.updated} 人，${done.unchanged} 人无变化`}
          extra={[
            <Button type="primary" key="list" onClick={() => navigate('/members')}>
              查看党员名册
            </Button>,
            <Button key="again" onClick={restart}>
              继续导入
            </Button>,
          ]}
        />
      )}
    </>
  );
}
