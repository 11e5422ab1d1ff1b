import type { UnitType } from '@hangbiao/shared/glossary';

/** Units the reform history refers to (机构改革 of the past years). */
export type ReformRole = 'govOffice' | 'development' | 'agriculture' | 'culture' | 'health' | 'market' | 'data';

/** A branch set up to break a threshold rule, so the demo shows findings. */
export type Quirk = 'fewFull' | 'oversized' | 'noCommittee';

export interface UnitTemplate {
  /** `{r}` is the region prefix: 市 in a city data set, 鸿雁市 or 栖鹭县 in the province. */
  name: string;
  short?: string;
  type: UnitType;
  /** Typical number of Party members in the unit's organs; 1–3 means too few for a branch of its own. */
  members: number;
  role?: ReformRole;
  /** Set up in the first (r1) or second (r2) reform round rather than long before. */
  since?: 'r1' | 'r2';
  /** Sub-divisions large enough for a general branch each. */
  divisions?: readonly string[];
  quirk?: Quirk;
}

export const cityUnits: readonly UnitTemplate[] = [
  { name: '{r}纪委监委机关', short: '{r}纪委监委', type: 'partyOrgan', members: 220 },
  { name: '{r}委办公室', short: '{r}委办', type: 'partyOrgan', members: 150 },
  { name: '{r}委组织部', type: 'partyOrgan', members: 90 },
  { name: '{r}委宣传部', type: 'partyOrgan', members: 70 },
  { name: '{r}委统战部', type: 'partyOrgan', members: 55 },
  { name: '{r}委政法委员会', short: '{r}委政法委', type: 'partyOrgan', members: 42 },
  { name: '{r}委网络安全和信息化委员会办公室', short: '{r}委网信办', type: 'partyOrgan', members: 30 },
  { name: '{r}委机构编制委员会办公室', short: '{r}委编办', type: 'partyOrgan', members: 22 },
  { name: '{r}委老干部局', type: 'partyOrgan', members: 34 },
  { name: '{r}委社会工作部', short: '{r}委社工部', type: 'partyOrgan', members: 28, since: 'r2' },
  { name: '{r}人大常委会机关', type: 'legislature', members: 130 },
  { name: '{r}政协机关', type: 'legislature', members: 110 },
  { name: '{r}中级人民法院', short: '{r}中院', type: 'judicial', members: 620 },
  { name: '{r}人民检察院', short: '{r}检察院', type: 'judicial', members: 380 },
  { name: '{r}公安局', type: 'judicial', members: 2600, divisions: ['交通警察支队', '刑事侦查支队', '特警支队', '治安管理支队'] },
  { name: '{r}司法局', type: 'judicial', members: 170 },
  { name: '{r}政府办公室', short: '{r}政府办', type: 'government', members: 190, role: 'govOffice' },
  { name: '{r}发展和改革委员会', short: '{r}发改委', type: 'government', members: 200, role: 'development' },
  { name: '{r}教育局', type: 'government', members: 220 },
  { name: '{r}科学技术局', short: '{r}科技局', type: 'government', members: 60 },
  { name: '{r}工业和信息化局', short: '{r}工信局', type: 'government', members: 75 },
  { name: '{r}民族宗教事务局', short: '{r}民宗局', type: 'government', members: 16, quirk: 'fewFull' },
  { name: '{r}民政局', type: 'government', members: 150 },
  { name: '{r}财政局', type: 'government', members: 260 },
  { name: '{r}人力资源和社会保障局', short: '{r}人社局', type: 'government', members: 380 },
  { name: '{r}自然资源和规划局', short: '{r}自然资源局', type: 'government', members: 420 },
  { name: '{r}生态环境局', type: 'government', members: 330 },
  { name: '{r}住房和城乡建设局', short: '{r}住建局', type: 'government', members: 320 },
  { name: '{r}交通运输局', type: 'government', members: 360 },
  { name: '{r}水务局', type: 'government', members: 170 },
  { name: '{r}农业农村局', type: 'government', members: 330, role: 'agriculture' },
  { name: '{r}商务局', type: 'government', members: 65 },
  { name: '{r}文化广电和旅游局', short: '{r}文广旅局', type: 'government', members: 34, role: 'culture' },
  { name: '{r}卫生健康委员会', short: '{r}卫健委', type: 'government', members: 240, role: 'health' },
  { name: '{r}退役军人事务局', short: '{r}退役军人局', type: 'government', members: 38, since: 'r1' },
  { name: '{r}应急管理局', type: 'government', members: 90, since: 'r1' },
  { name: '{r}审计局', type: 'government', members: 70 },
  { name: '{r}人民政府国有资产监督管理委员会', short: '{r}国资委', type: 'government', members: 55 },
  { name: '{r}市场监督管理局', short: '{r}市场监管局', type: 'government', members: 560, role: 'market', since: 'r1' },
  { name: '{r}体育局', type: 'government', members: 30 },
  { name: '{r}统计局', type: 'government', members: 44, quirk: 'oversized' },
  { name: '{r}医疗保障局', short: '{r}医保局', type: 'government', members: 60, since: 'r1' },
  { name: '{r}林业和草原局', short: '{r}林草局', type: 'government', members: 85, since: 'r1' },
  { name: '{r}信访局', type: 'government', members: 28, quirk: 'noCommittee' },
  { name: '{r}城市管理综合行政执法局', short: '{r}城管执法局', type: 'government', members: 300 },
  { name: '{r}营商环境建设监督局', short: '{r}营商局', type: 'government', members: 40 },
  { name: '{r}数据局', type: 'government', members: 70, role: 'data', since: 'r2' },
  { name: '{r}机关事务管理局', short: '{r}机关事务局', type: 'government', members: 75 },
  { name: '{r}总工会', type: 'massOrg', members: 45 },
  { name: '共青团{r}委员会', short: '团{r}委', type: 'massOrg', members: 20 },
  { name: '{r}妇女联合会', short: '{r}妇联', type: 'massOrg', members: 18 },
  { name: '{r}科学技术协会', short: '{r}科协', type: 'massOrg', members: 15 },
  { name: '{r}残疾人联合会', short: '{r}残联', type: 'massOrg', members: 14 },
  { name: '{r}文学艺术界联合会', short: '{r}文联', type: 'massOrg', members: 3 },
  { name: '{r}社会科学界联合会', short: '{r}社科联', type: 'massOrg', members: 3 },
  { name: '{r}红十字会', type: 'massOrg', members: 2 },
  { name: '{r}归国华侨联合会', short: '{r}侨联', type: 'massOrg', members: 2 },
  { name: '{r}法学会', type: 'massOrg', members: 3 },
  { name: '{r}计划生育协会', short: '{r}计生协', type: 'massOrg', members: 2 },
  { name: '{r}委党校', type: 'institution', members: 150 },
  { name: '{r}档案馆', type: 'institution', members: 30 },
  { name: '{r}融媒体中心', type: 'institution', members: 200 },
  { name: '{r}住房公积金管理中心', short: '{r}公积金中心', type: 'institution', members: 80 },
  { name: '{r}疾病预防控制中心', short: '{r}疾控中心', type: 'institution', members: 140 },
];

export const countyUnits: readonly UnitTemplate[] = [
  { name: '{r}委办公室', short: '{r}委办', type: 'partyOrgan', members: 60 },
  { name: '{r}政府办公室', short: '{r}政府办', type: 'government', members: 55 },
  { name: '{r}公安局', type: 'judicial', members: 220 },
  { name: '{r}委组织部', type: 'partyOrgan', members: 30 },
  { name: '{r}发展和改革局', short: '{r}发改局', type: 'government', members: 35 },
  { name: '{r}教育局', type: 'government', members: 40 },
  { name: '{r}财政局', type: 'government', members: 45 },
  { name: '{r}人力资源和社会保障局', short: '{r}人社局', type: 'government', members: 40 },
  { name: '{r}自然资源局', type: 'government', members: 60 },
  { name: '{r}农业农村局', type: 'government', members: 70 },
  { name: '{r}卫生健康局', short: '{r}卫健局', type: 'government', members: 40 },
  { name: '{r}市场监督管理局', short: '{r}市场监管局', type: 'government', members: 90 },
];

/** Offices a unit's branches are named after (科室); beyond these, branches are numbered. */
export const sections: Record<UnitType, readonly string[]> = {
  partyOrgan: ['办公室', '综合科', '干部科', '调研科', '信息科', '督查室', '离退休干部'],
  government: ['办公室', '政策法规科', '规划发展科', '综合业务科', '监督检查科', '行政审批科', '财务审计科', '人事教育科', '信息中心', '离退休干部'],
  legislature: ['办公室', '研究室', '法制工作委员会', '经济工作委员会', '社会事务委员会', '离退休干部'],
  judicial: ['政治部', '办公室', '综合业务科', '案件管理科', '执行局', '法警队', '离退休干部'],
  massOrg: ['办公室', '组织宣传部', '权益保障部', '离退休干部'],
  institution: ['办公室', '业务一部', '业务二部', '技术保障部', '综合服务部', '离退休干部'],
};

/** Units that existed before the reforms; their Party orgs were renamed, merged or dissolved. */
export const predecessors = {
  /** Renamed in r1 when the tourism bureau took over culture and broadcasting (文旅融合). */
  tourism: '{r}旅游局',
  cultureMerged: '{r}文化广电新闻出版局',
  health: '{r}卫生和计划生育委员会',
  marketMerged: ['{r}工商行政管理局', '{r}质量技术监督局', '{r}食品药品监督管理局'],
  prices: '{r}物价局',
  /** Set up between the rounds, merged into agriculture in r2. */
  rural: '{r}乡村振兴局',
  /** The e-government branch of the government office moved to the new data bureau in r2. */
  eGovernment: '电子政务',
} as const;
