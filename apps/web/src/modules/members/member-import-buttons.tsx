import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { MemberListQuery } from '@hangbiao/shared/contracts/members';
import { memberSheetLayouts } from '@hangbiao/shared/glossary';
import { Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { memberExportHref, memberTemplateHref, orgFormHref } from './member-export';

/** 导入 / 导出 / 下载模板 for the member list's toolbar; the export takes the list's current filters. */
export function MemberImportExportButtons({ filter }: { filter: Partial<MemberListQuery> }) {
  const can = useCan();
  const navigate = useNavigate();
  const { page: _page, pageSize: _pageSize, ...current } = filter;
  const exports = [
    ...memberSheetLayouts.keys.map((layout) => ({
      key: layout,
      label: (
        <a href={memberExportHref(current, layout)} download>
          {memberSheetLayouts.label(layout)}（当前筛选）
        </a>
      ),
    })),
    {
      key: 'orgForm',
      label: (
        <a href={orgFormHref(current.under)} download>
          党组织信息采集表
        </a>
      ),
    },
  ];
  const templates = memberSheetLayouts.keys.map((layout) => ({
    key: layout,
    label: (
      <a href={memberTemplateHref(layout)} download>
        {memberSheetLayouts.label(layout)}模板
      </a>
    ),
  }));
  return (
    <>
      <Dropdown menu={{ items: exports }}>
        <Button icon={<DownloadOutlined />}>导出</Button>
      </Dropdown>
      {can('members.write') && (
        <>
          <Dropdown menu={{ items: templates }}>
            <Button>下载模板</Button>
          </Dropdown>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
            导入
          </Button>
        </>
      )}
    </>
  );
}
