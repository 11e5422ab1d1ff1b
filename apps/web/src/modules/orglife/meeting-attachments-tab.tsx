import { type Attachment, attachmentTypes, type MeetingDetail, orglifeLimits } from '@hangbiao/shared/contracts/orglife';
import { type AttachmentKind, attachmentKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Segmented, Table, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorText } from '../../app/api';
import { attachmentHref, meetingApi, meetingKeys } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

const accept = Object.values(attachmentTypes)
  .map((ext) => `.${ext}`)
  .concat('.jpeg')
  .join(',');
const megabytes = orglifeLimits.attachmentBytes / 1024 / 1024;
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 附件: photos of the meeting and scans of signed paper records (JPEG, PNG or PDF). */
export function MeetingAttachmentsTab({ meeting }: { meeting: MeetingDetail }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [kind, setKind] = useState<AttachmentKind>('photo');
  const upload = useMutation({
    mutationFn: (file: File) => meetingApi.upload(meeting.id, file, kind),
    onSuccess: async (stored) => {
      await client.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
      void message.success(`已上传“${stored.name}”`);
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const remove = useMeetingChange(meeting.id, (attachmentId: string) => meetingApi.removeAttachment(meeting.id, attachmentId), { success: '已删除附件' });
  const writable = meeting.canWrite && meeting.status !== 'cancelled';

  const columns: ColumnsType<Attachment> = [
    {
      title: '文件',
      render: (_, a) => (
        <a href={attachmentHref(meeting.id, a.id)} target="_blank" rel="noreferrer">
          {a.name}
        </a>
      ),
    },
    { title: '类别', render: (_, a) => attachmentKinds.label(a.kind) },
    { title: '大小', align: 'right', render: (_, a) => sizeText(a.size) },
    ...(writable
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, a: Attachment) => (
              <Popconfirm title={`删除附件 ${a.name}？`} onConfirm={() => remove.mutate(a.id)}>
                <Button size="small" type="text" danger>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {writable && (
        <Flex gap={8} align="center" wrap>
          <Segmented<AttachmentKind>
            value={kind}
            onChange={setKind}
            options={attachmentKinds.keys.map((value) => ({ value, label: attachmentKinds.label(value) }))}
          />
          <Upload
            accept={accept}
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > orglifeLimits.attachmentBytes) {
                void message.error(`文件超过 ${megabytes} MB`);
                return Upload.LIST_IGNORE;
              }
              upload.mutate(file);
              return false;
            }}
          >
            <Button loading={upload.isPending}>上传照片或扫描件</Button>
          </Upload>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>JPEG、PNG 或 PDF，单个不超过 {megabytes} MB</span>
        </Flex>
      )}
      <Table<Attachment> size="small" rowKey="id" columns={columns} dataSource={meeting.attachments} pagination={false} />
    </Flex>
  );
}
