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

/** Where members are placed: in branches (支部工作条例 ch. 2); a committee, general branch or group holds none of its own. */
export const memberOrgKinds: readonly OrgKind[] = ['branch', 'jointBranch'];

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

/** In the registry (在册): counted in org member figures and thresholds; the others are former members kept for history. */
export const registryStatuses = ['active', 'mobile', 'lostContact', 'suspended'] as const satisfies readonly MemberStatus[];

/** Age bands of member statistics (党内统计年龄段), by full years of age on the day counted. */
export const ageBands = labels({
  upTo30: { zh: '30岁及以下', en: '30 or under' },
  from31To40: { zh: '31至40岁', en: '31–40' },
  from41To50: { zh: '41至50岁', en: '41–50' },
  from51To60: { zh: '51至60岁', en: '51–60' },
  over60: { zh: '61岁及以上', en: 'Over 60' },
});
export type AgeBand = (typeof ageBands.keys)[number];

/** The items of a member record, as the national collection form names them; forms, lists and Excel columns share them. */
export const memberFieldLabels = labels({
  name: { zh: '姓名', en: 'Name' },
  gender: { zh: '性别', en: 'Gender' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  idNumber: { zh: '公民身份号码', en: 'Citizen ID number' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  education: { zh: '学历', en: 'Education' },
  category: { zh: '人员类别', en: 'Category' },
  orgId: { zh: '所在党支部', en: 'Branch' },
  joinedOn: { zh: '加入党组织日期', en: 'Joined on' },
  fullOn: { zh: '转为正式党员日期', en: 'Full member since' },
  jobPost: { zh: '工作岗位', en: 'Job post' },
  rank: { zh: '职务职级', en: 'Rank' },
  phone: { zh: '联系电话', en: 'Phone' },
  address: { zh: '家庭住址', en: 'Home address' },
  status: { zh: '党籍状态', en: 'Status' },
  statusSince: { zh: '状态日期', en: 'Status since' },
  exitKind: { zh: '出党方式', en: 'Exit kind' },
  mobileDestination: { zh: '外出流向', en: 'Mobile destination' },
});

/** Excel layouts of the member registry: the registry's own columns (with the system id), or the national collection form's. */
export const memberSheetLayouts = labels({
  registry: { zh: '党员名册', en: 'Registry' },
  national: { zh: '全国党员信息采集表', en: 'National collection form' },
});
export type MemberSheetLayout = (typeof memberSheetLayouts.keys)[number];

/** What an import does with one row. */
export const importActions = labels({
  create: { zh: '新增', en: 'Create' },
  update: { zh: '更新', en: 'Update' },
  unchanged: { zh: '无变化', en: 'Unchanged' },
});
export type ImportAction = (typeof importActions.keys)[number];

/** 单位情况 of the national org collection form: where the org's unit stands relative to its parent's. */
export const orgUnitSituations = labels({
  sameAsParent: { zh: '与上级党组织所在单位相同', en: 'Same unit as the parent org' },
  legalUnit: { zh: '法人单位单独建立', en: 'Own legal unit' },
  joint: { zh: '多个单位联合建立', en: 'Joint, several units' },
});
export type OrgUnitSituation = (typeof orgUnitSituations.keys)[number];

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
  probationExtended: { zh: '延长预备期', en: 'Probation extended' },
});
export type MemberEventKind = (typeof memberEventKinds.keys)[number];

/** Where a person stands on the way into the Party (发展党员, DOMAIN.md §2); steps and time rules are in `rules/development.ts`. */
export const developmentStages = labels({
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Candidate' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
});
export type DevelopmentStage = (typeof developmentStages.keys)[number];

/** The 25 canonical steps of 中国共产党发展党员工作细则 (2014), in order, as DOMAIN.md §2 numbers them. */
export const developmentSteps = labels({
  application: { zh: '递交入党申请书', en: 'Application submitted' },
  applicantTalk: { zh: '党组织派人谈话', en: 'Talk with the applicant' },
  activistRecommendation: { zh: '推荐入党积极分子', en: 'Recommended as activist' },
  activistDecision: { zh: '确定入党积极分子并报上级党委备案', en: 'Activist decision, filed upward' },
  contactsAssigned: { zh: '指定培养联系人', en: 'Contacts assigned' },
  activistAssessment: { zh: '培养教育考察', en: 'Training and assessment' },
  candidateDecision: { zh: '确定发展对象并报上级党委备案', en: 'Candidate decision, filed upward' },
  sponsorsChosen: { zh: '确定入党介绍人', en: 'Sponsors chosen' },
  politicalReview: { zh: '政治审查', en: 'Political review' },
  publicNotice: { zh: '发展对象公示', en: 'Public notice' },
  concentratedTraining: { zh: '集中培训', en: 'Concentrated training' },
  branchCommitteeReview: { zh: '支部委员会审查', en: 'Branch committee review' },
  upperPreReview: { zh: '上级党委预审', en: 'Pre-review by the upper committee' },
  applicationForm: { zh: '填写入党志愿书', en: 'Application form filled' },
  admissionVote: { zh: '支部党员大会讨论接收', en: 'General meeting vote on admission' },
  upperTalk: { zh: '上级党委派人谈话', en: 'Talk by the upper committee' },
  admissionApproval: { zh: '上级党委审批', en: 'Approval by the upper committee' },
  admissionFiling: { zh: '报上级党委组织部门备案', en: 'Filed with the organisation department' },
  placement: { zh: '编入党支部和党小组', en: 'Placed in branch and group' },
  oath: { zh: '入党宣誓', en: 'Oath' },
  probationEducation: { zh: '继续教育考察', en: 'Continued education' },
  conversionApplication: { zh: '提出转正申请', en: 'Conversion application' },
  conversionVote: { zh: '支部党员大会讨论转正', en: 'General meeting vote on conversion' },
  conversionApproval: { zh: '上级党委审批转正', en: 'Conversion approved upward' },
  archiving: { zh: '材料归档', en: 'Files archived' },
});
export type DevelopmentStep = (typeof developmentSteps.keys)[number];

export const developmentStatuses = labels({
  active: { zh: '培养考察中', en: 'In progress' },
  admitted: { zh: '预备期中', en: 'On probation' },
  converted: { zh: '已转正', en: 'Converted' },
  stopped: { zh: '已终止', en: 'Stopped' },
  cancelled: { zh: '已取消预备党员资格', en: 'Probation cancelled' },
});
export type DevelopmentStatus = (typeof developmentStatuses.keys)[number];

/** What the branch general meeting decides when probation ends (党章 第七条). */
export const conversionOutcomes = labels({
  convert: { zh: '按期转为正式党员', en: 'Convert' },
  extend: { zh: '延长预备期', en: 'Extend probation' },
  cancel: { zh: '取消预备党员资格', en: 'Cancel probation' },
});
export type ConversionOutcome = (typeof conversionOutcomes.keys)[number];

/** 组织关系转接 (DOMAIN §2): within the system, out of it with a letter (介绍信), or into it from outside. */
export const transferKinds = labels({
  internal: { zh: '系统内转接', en: 'Internal transfer' },
  outbound: { zh: '转出系统外', en: 'Outbound transfer' },
  inbound: { zh: '从系统外转入', en: 'Inbound transfer' },
});
export type TransferKind = (typeof transferKinds.keys)[number];

export const transferStates = labels({
  pending: { zh: '办理中', en: 'Pending' },
  completed: { zh: '已办结', en: 'Completed' },
  rejected: { zh: '已退回', en: 'Rejected' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
});
export type TransferState = (typeof transferStates.keys)[number];

/** What the two sides of a transfer do to it; which kind and state allow which is the table in rules/transfers.ts. */
export const transferActions = labels({
  accept: { zh: '接收', en: 'Accept' },
  reject: { zh: '退回', en: 'Reject' },
  cancel: { zh: '撤销', en: 'Cancel' },
  receipt: { zh: '登记回执', en: 'Record receipt' },
  register: { zh: '登记入册', en: 'Register' },
});
export type TransferAction = (typeof transferActions.keys)[number];

/** The two sides of a transfer: the org the member leaves and the one they join. */
export const transferSides = labels({
  source: { zh: '转出党组织', en: 'Source org' },
  destination: { zh: '转入党组织', en: 'Destination org' },
});
export type TransferSide = (typeof transferSides.keys)[number];

/** Why the relationship moves: a change of work or residence, or being away at a fixed place (DOMAIN §2). */
export const transferReasons = labels({
  work: { zh: '工作变动', en: 'Change of work' },
  residence: { zh: '居住地变动', en: 'Change of residence' },
  away: { zh: '外出 6 个月以上且地点相对固定', en: 'Away at a fixed place' },
  other: { zh: '其他', en: 'Other' },
});
export type TransferReason = (typeof transferReasons.keys)[number];

/** Kinds of organisational life (DOMAIN.md §3); frequencies are rules in `rules/orglife.ts`. */
export const meetingKinds = labels({
  generalMeeting: { zh: '支部党员大会', en: 'Branch general meeting' },
  committeeMeeting: { zh: '支部委员会会议', en: 'Branch committee meeting' },
  groupMeeting: { zh: '党小组会', en: 'Party group meeting' },
  partyLecture: { zh: '党课', en: 'Party lecture' },
  themeDay: { zh: '主题党日', en: 'Theme Party day' },
  orgLifeMeeting: { zh: '组织生活会', en: 'Organisation-life meeting' },
  memberReview: { zh: '民主评议党员', en: 'Democratic review of members' },
  heartTalk: { zh: '谈心谈话', en: 'Heart-to-heart talk' },
  centralGroupStudy: { zh: '中心组学习', en: 'Central study group session' },
});
export type MeetingKind = (typeof meetingKinds.keys)[number];

export const meetingStatuses = labels({
  planned: { zh: '计划', en: 'Planned' },
  held: { zh: '已召开', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
});
export type MeetingStatus = (typeof meetingStatuses.keys)[number];

export const attendanceStatuses = labels({
  present: { zh: '出席', en: 'Present' },
  leave: { zh: '请假', en: 'On leave' },
  absent: { zh: '缺席', en: 'Absent' },
});
export type AttendanceStatus = (typeof attendanceStatuses.keys)[number];

/** The periods organisational-life requirements are counted over: calendar months, quarters and years in Asia/Shanghai. */
export const requirementPeriods = labels({
  month: { zh: '每月', en: 'Monthly' },
  quarter: { zh: '每季度', en: 'Quarterly' },
  year: { zh: '每年', en: 'Yearly' },
});
export type RequirementPeriod = (typeof requirementPeriods.keys)[number];

/** Where one requirement stands for one org and period (rules/orglife.ts defines each). */
export const complianceStatuses = labels({
  met: { zh: '已完成', en: 'Met' },
  pending: { zh: '进行中', en: 'Pending' },
  dueSoon: { zh: '临期', en: 'Due soon' },
  overdue: { zh: '逾期待补', en: 'Overdue' },
  missed: { zh: '未完成', en: 'Missed' },
  exempt: { zh: '已豁免', en: 'Exempt' },
  notApplicable: { zh: '不适用', en: 'Not applicable' },
});
export type ComplianceStatus = (typeof complianceStatuses.keys)[number];

/** What an inbox item is about. */
export const noticeKinds = labels({
  compliance: { zh: '组织生活提醒', en: 'Organisational life' },
  termRenewal: { zh: '换届提醒', en: 'Term renewal' },
  digest: { zh: '每周摘要', en: 'Weekly digest' },
});
export type NoticeKind = (typeof noticeKinds.keys)[number];

/** Message shapes of enterprise chat robots; WeCom and DingTalk share one. */
export const webhookFormats = labels({
  wecom: { zh: '企业微信 / 钉钉群机器人', en: 'WeCom / DingTalk robot' },
  feishu: { zh: '飞书群机器人', en: 'Feishu robot' },
});
export type WebhookFormat = (typeof webhookFormats.keys)[number];

export const webhookDeliveryStates = labels({
  pending: { zh: '待发送', en: 'Pending' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '发送失败', en: 'Failed' },
});
export type WebhookDeliveryState = (typeof webhookDeliveryStates.keys)[number];

/** How an observer (列席旁听) sent to a central-group session rates it (DOMAIN §4: 好 / 较好 / 一般 / 差). */
export const observerRatings = labels({
  good: { zh: '好', en: 'Good' },
  fairlyGood: { zh: '较好', en: 'Fairly good' },
  average: { zh: '一般', en: 'Average' },
  poor: { zh: '差', en: 'Poor' },
});
export type ObserverRating = (typeof observerRatings.keys)[number];

/** Grades of the democratic review of members (民主评议党员, DOMAIN §3). */
export const reviewGrades = labels({
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basicallyQualified: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
});
export type ReviewGrade = (typeof reviewGrades.keys)[number];

/** What a file attached to a meeting record is: a photo of the meeting or a scan of a signed paper record. */
export const attachmentKinds = labels({
  photo: { zh: '照片', en: 'Photo' },
  scan: { zh: '扫描件', en: 'Scan' },
});
export type AttachmentKind = (typeof attachmentKinds.keys)[number];

/** How a member's monthly dues are reckoned (关于中国共产党党费收缴、使用和管理的规定 2008, 第二条至第六条). */
export const duesCategories = labels({
  inService: { zh: '在职党员（按工资收入比例）', en: 'In service (share of salary)' },
  retired: { zh: '离退休党员（按离退休费比例）', en: 'Retired (share of pension)' },
  fixedMinimum: { zh: '学生、下岗失业、领取低保等党员（定额）', en: 'Students, unemployed, on subsistence (fixed)' },
  farmer: { zh: '农民党员（定额）', en: 'Farmers (fixed)' },
});
export type DuesCategory = (typeof duesCategories.keys)[number];

/** Hardship relief decided by the branch and approved one level up (规定第七条). */
export const duesReliefKinds = labels({
  reduced: { zh: '少交', en: 'Reduced' },
  exempt: { zh: '免交', en: 'Exempt' },
});
export type DuesReliefKind = (typeof duesReliefKinds.keys)[number];

export const duesPaymentMethods = labels({
  cash: { zh: '现金', en: 'Cash' },
  transfer: { zh: '银行转账', en: 'Bank transfer' },
  online: { zh: '线上交纳', en: 'Online' },
  deduction: { zh: '委托代扣', en: 'Deduction by consent' },
});
export type DuesPaymentMethod = (typeof duesPaymentMethods.keys)[number];

/** Why a special dues (特殊党费) call was made; giving is always voluntary (规定第十四条). */
export const specialDuesReasons = labels({
  disasterRelief: { zh: '抗灾救灾', en: 'Disaster relief' },
  epidemic: { zh: '疫情防控', en: 'Epidemic' },
  other: { zh: '其他', en: 'Other' },
});
export type SpecialDuesReason = (typeof specialDuesReasons.keys)[number];

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
  'transfer.create': { zh: '发起组织关系转接', en: 'Transfer started' },
  'transfer.accept': { zh: '接收组织关系', en: 'Transfer accepted' },
  'transfer.reject': { zh: '退回组织关系转接', en: 'Transfer rejected' },
  'transfer.cancel': { zh: '撤销组织关系转接', en: 'Transfer cancelled' },
  'transfer.receipt': { zh: '登记介绍信回执', en: 'Transfer receipt recorded' },
  'transfer.register': { zh: '转入党员登记入册', en: 'Transferred member registered' },
  'dues.baseSet': { zh: '核定党费基数', en: 'Dues base set' },
  'dues.baseCorrected': { zh: '更正党费基数', en: 'Dues base corrected' },
  'dues.basesConfirmed': { zh: '年度复核党费基数', en: 'Dues bases re-verified' },
  'dues.reliefGranted': { zh: '登记少交免交党费', en: 'Dues relief recorded' },
  'dues.reliefUpdated': { zh: '修改少交免交党费', en: 'Dues relief updated' },
  'dues.paymentsRecorded': { zh: '登记党费交纳', en: 'Dues payments recorded' },
  'dues.paymentDeleted': { zh: '删除党费交纳记录', en: 'Dues payment deleted' },
  'specialDues.campaignCreated': { zh: '发起特殊党费活动', en: 'Special dues campaign created' },
  'specialDues.campaignUpdated': { zh: '修改特殊党费活动', en: 'Special dues campaign updated' },
  'specialDues.contributionsRecorded': { zh: '登记特殊党费', en: 'Special dues recorded' },
  'specialDues.contributionDeleted': { zh: '删除特殊党费记录', en: 'Special dues record deleted' },
  'development.create': { zh: '登记入党申请', en: 'Party application registered' },
  'development.update': { zh: '修改发展对象信息', en: 'Development case updated' },
  'development.step': { zh: '记录发展党员步骤', en: 'Development step recorded' },
  'development.stop': { zh: '终止发展程序', en: 'Development stopped' },
  'development.stepWithdrawn': { zh: '撤销发展步骤', en: 'Development step withdrawn' },
  'development.convert': { zh: '预备党员转正', en: 'Converted to full member' },
  'development.extend': { zh: '延长预备期', en: 'Probation extended' },
  'meeting.create': { zh: '安排会议', en: 'Meeting planned' },
  'meeting.update': { zh: '修改会议记录', en: 'Meeting record updated' },
  'meeting.attendanceCorrected': { zh: '更正出勤', en: 'Attendance corrected' },
  'meeting.attendeeRemoved': { zh: '移出应到人员', en: 'Attendee removed' },
  'meeting.observerAdded': { zh: '登记列席人员', en: 'Observer added' },
  'meeting.observerRemoved': { zh: '删除列席人员', en: 'Observer removed' },
  'meeting.resolutionAdded': { zh: '记录决议表决', en: 'Resolution recorded' },
  'meeting.resolutionRemoved': { zh: '删除决议', en: 'Resolution removed' },
  'meeting.reviewsRecorded': { zh: '登记评议等次', en: 'Review grades recorded' },
  'meeting.attachmentAdded': { zh: '上传会议附件', en: 'Attachment added' },
  'meeting.attachmentRemoved': { zh: '删除会议附件', en: 'Attachment removed' },
  'demo.seeded': { zh: '生成演示数据', en: 'Demo data seeded' },
  'demo.loginsEnabled': { zh: '启用演示账户', en: 'Demo logins enabled' },
  'demo.loginsDisabled': { zh: '停用演示账户', en: 'Demo logins disabled' },
  'orglife.exemptionCreated': { zh: '登记组织生活豁免', en: 'Exemption recorded' },
  'orglife.exemptionDeleted': { zh: '撤销组织生活豁免', en: 'Exemption withdrawn' },
  'notices.generated': { zh: '生成提醒', en: 'Reminders generated' },
  'notices.webhookCreated': { zh: '新增消息推送地址', en: 'Webhook added' },
  'notices.webhookUpdated': { zh: '修改消息推送地址', en: 'Webhook updated' },
  'notices.webhookDeleted': { zh: '删除消息推送地址', en: 'Webhook deleted' },
});
export type AuditAction = (typeof auditActions.keys)[number];

export const auditEntityTypes = labels({
  org: { zh: '党组织', en: 'Org' },
  unit: { zh: '单位', en: 'Unit' },
  user: { zh: '用户', en: 'User' },
  committee: { zh: '工委', en: 'Committee' },
  member: { zh: '党员', en: 'Member' },
  developmentCase: { zh: '发展党员档案', en: 'Development case' },
  transfer: { zh: '组织关系转接', en: 'Transfer' },
  meeting: { zh: '会议', en: 'Meeting' },
  specialDuesCampaign: { zh: '特殊党费活动', en: 'Special dues campaign' },
  exemption: { zh: '组织生活豁免', en: 'Exemption' },
  webhook: { zh: '消息推送地址', en: 'Webhook' },
});
export type AuditEntityType = (typeof auditEntityTypes.keys)[number];
