import type { Member } from '@hangbiao/shared/contracts/members';
import type { Permission } from '@hangbiao/shared/permissions';
import type { ReactNode } from 'react';
import { MemberDuesTab } from './dues-member-tab';
import { MemberEventsTab } from './member-events-tab';
import { MemberProfileTab } from './member-profile-tab';
import { MemberTransfersTab } from './transfer-member-tab';

export interface MemberTab {
  /** Also the page's `?tab=` value, so a link can open the tab directly (`/members/<id>?tab=history`). */
  key: string;
  label: string;
  /** Shown only to those holding it; without it, to everyone who may read the member. */
  permission?: Permission;
  /** Rendered when the tab is first opened. */
  render: (member: Member) => ReactNode;
}

/** The tabs of the member page, in order. Other parts of the members area add theirs (党费, 转接, 发展) to this list. */
export const memberTabs: MemberTab[] = [
  { key: 'profile', label: '基本信息', render: (member) => <MemberProfileTab member={member} /> },
  { key: 'history', label: '组织关系', render: (member) => <MemberEventsTab memberId={member.id} /> },
  { key: 'transfers', label: '组织关系转接', render: (member) => <MemberTransfersTab member={member} /> },
  { key: 'dues', label: '党费', render: (member) => <MemberDuesTab member={member} /> },
];
