/** Enumerations with English identifiers and zh/en labels (DOMAIN.md §1). */
export interface Label {
  zh: string;
  en: string;
}

function labels<const K extends string>(table: Record<K, Label>) {
  const keys = Object.keys(table) as [K, ...K[]];
  return { keys, table, label: (key: K, lang: keyof Label = 'zh') => table[key][lang] };
}

export const orgKinds = labels({
  committee: { zh: '机关工委', en: 'Working committee' },
  unitCommittee: { zh: '机关党委', en: 'Unit Party committee' },
  generalBranch: { zh: '机关党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
  jointBranch: { zh: '联合党支部', en: 'Joint branch' },
  group: { zh: '党小组', en: 'Party group' },
});
export type OrgKind = (typeof orgKinds.keys)[number];

/** Which kinds may sit directly under which: the tree's shape is a rule of the org regulations. */
export const allowedChildKinds: Record<OrgKind, readonly OrgKind[]> = {
  committee: ['unitCommittee', 'generalBranch', 'branch', 'jointBranch'],
  unitCommittee: ['generalBranch', 'branch', 'jointBranch'],
  generalBranch: ['branch'],
  branch: ['group'],
  jointBranch: ['group'],
  group: [],
};

export const unitTypes = labels({
  partyOrgan: { zh: '党委部门', en: 'Party organ' },
  government: { zh: '政府部门', en: 'Government department' },
  legislature: { zh: '人大政协机关', en: 'Congress / CPPCC organ' },
  judicial: { zh: '政法机关', en: 'Judicial organ' },
  massOrg: { zh: '群团机关', en: 'Mass organisation' },
  institution: { zh: '事业单位', en: 'Public institution' },
});
export type UnitType = (typeof unitTypes.keys)[number];

export const regionLevels = labels({
  city: { zh: '市直', en: 'City level' },
  county: { zh: '县（区）直', en: 'County level' },
});
export type RegionLevel = (typeof regionLevels.keys)[number];

export const posts = labels({
  secretary: { zh: '书记', en: 'Secretary' },
  deputySecretary: { zh: '副书记', en: 'Deputy secretary' },
  organizationMember: { zh: '组织委员', en: 'Organisation member' },
  publicityMember: { zh: '宣传委员', en: 'Publicity member' },
  disciplineMember: { zh: '纪检委员', en: 'Discipline member' },
  committeeMember: { zh: '委员', en: 'Committee member' },
  groupLeader: { zh: '党小组组长', en: 'Group leader' },
});
export type Post = (typeof posts.keys)[number];

export const orgEventKinds = labels({
  established: { zh: '成立', en: 'Established' },
  renamed: { zh: '更名', en: 'Renamed' },
  moved: { zh: '调整隶属', en: 'Moved' },
  merged: { zh: '合并', en: 'Merged' },
  split: { zh: '拆分', en: 'Split' },
  dissolved: { zh: '撤销', en: 'Dissolved' },
});
export type OrgEventKind = (typeof orgEventKinds.keys)[number];

export const roles = labels({
  committee_admin: { zh: '工委管理员', en: 'Committee administrator' },
  org_admin: { zh: '党务管理员', en: 'Organisation administrator' },
  member: { zh: '党员', en: 'Member' },
  inspector: { zh: '督查人员', en: 'Inspector' },
  discipline: { zh: '纪检人员', en: 'Discipline staff' },
  leader: { zh: '领导', en: 'Leader' },
});
export type Role = (typeof roles.keys)[number];

export const memberCategories = labels({
  full: { zh: '正式党员', en: 'Full member' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
});
export type MemberCategory = (typeof memberCategories.keys)[number];

export const auditActions = labels({
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.loginFailed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.locked': { zh: '账户锁定', en: 'Account locked' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.passwordChanged': { zh: '修改密码', en: 'Password changed' },
  'org.create': { zh: '新建组织', en: 'Org created' },
  'org.update': { zh: '修改组织', en: 'Org updated' },
  'org.delete': { zh: '删除组织', en: 'Org deleted' },
  'org.termRenewal': { zh: '换届', en: 'Term renewal' },
  'org.renamed': { zh: '组织更名', en: 'Org renamed' },
  'org.moved': { zh: '调整隶属', en: 'Org moved' },
  'org.merged': { zh: '组织合并', en: 'Orgs merged' },
  'org.split': { zh: '组织拆分', en: 'Org split' },
  'org.dissolved': { zh: '组织撤销', en: 'Org dissolved' },
  'unit.create': { zh: '新建单位', en: 'Unit created' },
  'unit.update': { zh: '修改单位', en: 'Unit updated' },
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户', en: 'User updated' },
  'user.passwordReset': { zh: '重置密码', en: 'Password reset' },
  'user.roleGranted': { zh: '分配角色', en: 'Role granted' },
  'user.roleRevoked': { zh: '移除角色', en: 'Role revoked' },
  'demo.seeded': { zh: '生成演示数据', en: 'Demo data seeded' },
  'demo.loginsEnabled': { zh: '启用演示账户', en: 'Demo logins enabled' },
  'demo.loginsDisabled': { zh: '停用演示账户', en: 'Demo logins disabled' },
});
export type AuditAction = (typeof auditActions.keys)[number];

export const auditEntityTypes = labels({
  org: { zh: '党组织', en: 'Org' },
  unit: { zh: '单位', en: 'Unit' },
  user: { zh: '用户', en: 'User' },
  committee: { zh: '工委', en: 'Committee' },
});
export type AuditEntityType = (typeof auditEntityTypes.keys)[number];
