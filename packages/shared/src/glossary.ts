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

export const genders = labels({
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
});
export type Gender = (typeof genders.keys)[number];

/** GB/T 3304 order. */
export const ethnicities = labels({
  han: { zh: '汉族', en: 'Han' },
  mongol: { zh: '蒙古族', en: 'Mongol' },
  hui: { zh: '回族', en: 'Hui' },
  tibetan: { zh: '藏族', en: 'Tibetan' },
  uyghur: { zh: '维吾尔族', en: 'Uyghur' },
  miao: { zh: '苗族', en: 'Miao' },
  yi: { zh: '彝族', en: 'Yi' },
  zhuang: { zh: '壮族', en: 'Zhuang' },
  buyei: { zh: '布依族', en: 'Buyei' },
  korean: { zh: '朝鲜族', en: 'Korean' },
  manchu: { zh: '满族', en: 'Manchu' },
  dong: { zh: '侗族', en: 'Dong' },
  yao: { zh: '瑶族', en: 'Yao' },
  bai: { zh: '白族', en: 'Bai' },
  tujia: { zh: '土家族', en: 'Tujia' },
  hani: { zh: '哈尼族', en: 'Hani' },
  kazakh: { zh: '哈萨克族', en: 'Kazakh' },
  dai: { zh: '傣族', en: 'Dai' },
  li: { zh: '黎族', en: 'Li' },
  lisu: { zh: '傈僳族', en: 'Lisu' },
  va: { zh: '佤族', en: 'Va' },
  she: { zh: '畲族', en: 'She' },
  gaoshan: { zh: '高山族', en: 'Gaoshan' },
  lahu: { zh: '拉祜族', en: 'Lahu' },
  sui: { zh: '水族', en: 'Sui' },
  dongxiang: { zh: '东乡族', en: 'Dongxiang' },
  naxi: { zh: '纳西族', en: 'Naxi' },
  jingpo: { zh: '景颇族', en: 'Jingpo' },
  kyrgyz: { zh: '柯尔克孜族', en: 'Kyrgyz' },
  tu: { zh: '土族', en: 'Tu' },
  daur: { zh: '达斡尔族', en: 'Daur' },
  mulao: { zh: '仫佬族', en: 'Mulao' },
  qiang: { zh: '羌族', en: 'Qiang' },
  blang: { zh: '布朗族', en: 'Blang' },
  salar: { zh: '撒拉族', en: 'Salar' },
  maonan: { zh: '毛南族', en: 'Maonan' },
  gelao: { zh: '仡佬族', en: 'Gelao' },
  xibe: { zh: '锡伯族', en: 'Xibe' },
  achang: { zh: '阿昌族', en: 'Achang' },
  pumi: { zh: '普米族', en: 'Pumi' },
  tajik: { zh: '塔吉克族', en: 'Tajik' },
  nu: { zh: '怒族', en: 'Nu' },
  uzbek: { zh: '乌孜别克族', en: 'Uzbek' },
  russian: { zh: '俄罗斯族', en: 'Russian' },
  evenki: { zh: '鄂温克族', en: 'Evenki' },
  deang: { zh: '德昂族', en: "De'ang" },
  bonan: { zh: '保安族', en: 'Bonan' },
  yugur: { zh: '裕固族', en: 'Yugur' },
  gin: { zh: '京族', en: 'Gin' },
  tatar: { zh: '塔塔尔族', en: 'Tatar' },
  derung: { zh: '独龙族', en: 'Derung' },
  oroqen: { zh: '鄂伦春族', en: 'Oroqen' },
  hezhen: { zh: '赫哲族', en: 'Hezhen' },
  monba: { zh: '门巴族', en: 'Monba' },
  lhoba: { zh: '珞巴族', en: 'Lhoba' },
  jino: { zh: '基诺族', en: 'Jino' },
});
export type Ethnicity = (typeof ethnicities.keys)[number];

/** Education (学历) as the national collection form groups it. */
export const educations = labels({
  doctorate: { zh: '博士研究生', en: 'Doctorate' },
  master: { zh: '硕士研究生', en: 'Master' },
  bachelor: { zh: '大学本科', en: 'Bachelor' },
  associate: { zh: '大学专科', en: 'Associate' },
  technical: { zh: '中等专科', en: 'Technical secondary' },
  highSchool: { zh: '高中', en: 'High school' },
  belowHighSchool: { zh: '初中及以下', en: 'Junior high or below' },
});
export type Education = (typeof educations.keys)[number];

/** Job post (工作岗位) codes of the national collection form, as they occur in government organs. */
export const jobPosts = labels({
  civilServant: { zh: '公务员', en: 'Civil servant' },
  referencedStaff: { zh: '参照公务员法管理人员', en: 'Staff managed as civil servants' },
  institutionManager: { zh: '事业单位管理人员', en: 'Institution manager' },
  professional: { zh: '专业技术人员', en: 'Professional' },
  worker: { zh: '工勤技能人员', en: 'Technical worker' },
  retired: { zh: '离退休人员', en: 'Retired' },
  student: { zh: '学生', en: 'Student' },
  other: { zh: '其他', en: 'Other' },
});
export type JobPost = (typeof jobPosts.keys)[number];

export const memberStatuses = labels({
  active: { zh: '正常', en: 'Active' },
  mobile: { zh: '流动党员', en: 'Mobile' },
  lostContact: { zh: '失联', en: 'Lost contact' },
  suspended: { zh: '停止党籍', en: 'Suspended' },
  transferredOut: { zh: '已转出', en: 'Transferred out' },
  left: { zh: '出党', en: 'Left the Party' },
  deceased: { zh: '去世', en: 'Deceased' },
});
export type MemberStatus = (typeof memberStatuses.keys)[number];

/** How a membership ends (出党); `deceased` is a status of its own. */
export const exitKinds = labels({
  probationCancelled: { zh: '取消预备党员资格', en: 'Probation cancelled' },
  persuadedToLeave: { zh: '劝退', en: 'Persuaded to leave' },
  removed: { zh: '除名', en: 'Removed' },
  selfLapsed: { zh: '自行脱党', en: 'Self-lapsed' },
  resigned: { zh: '退党', en: 'Resigned' },
  expelled: { zh: '开除党籍', en: 'Expelled' },
});
export type ExitKind = (typeof exitKinds.keys)[number];

export const memberEventKinds = labels({
  registered: { zh: '登记入册', en: 'Registered' },
  statusChanged: { zh: '状态变更', en: 'Status changed' },
  orgChanged: { zh: '组织关系变更', en: 'Org changed' },
  converted: { zh: '转为正式党员', en: 'Converted to full member' },
});
export type MemberEventKind = (typeof memberEventKinds.keys)[number];

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
  'member.create': { zh: '新增党员', en: 'Member added' },
  'member.update': { zh: '修改党员信息', en: 'Member updated' },
  'member.statusChanged': { zh: '党员状态变更', en: 'Member status changed' },
  'member.delete': { zh: '删除误录党员', en: 'Member deleted' },
  'member.import': { zh: '批量导入党员', en: 'Members imported' },
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
  member: { zh: '党员', en: 'Member' },
});
export type AuditEntityType = (typeof auditEntityTypes.keys)[number];
