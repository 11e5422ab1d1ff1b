import type { DuesCategory } from '../glossary';
import { yuan } from '../money';
import { type Effective, ruleOn } from './effective';

const regulation = '关于中国共产党党费收缴、使用和管理的规定（中组发〔2008〕3号）';
/** 第三十二条：本规定自 2008 年 4 月 1 日起施行. */
const regulationFrom = '2008-04-01';

/** The rate on the WHOLE base when the base is at most `upToFen` (null: no upper bound), in basis points (50 = 0.5 %). */
export interface DuesBracket {
  upToFen: number | null;
  basisPoints: number;
}

/** A rate schedule for a category that pays a share of its base, brackets in ascending order. */
export interface DuesRateRule extends Effective {
  category: Extract<DuesCategory, 'inService' | 'retired'>;
  /** What the base is, for forms and rule texts. */
  baseName: string;
  brackets: readonly DuesBracket[];
}

export const duesRateRules: readonly DuesRateRule[] = [
  {
    category: 'inService',
    baseName: '月工资收入（税后）',
    brackets: [
      { upToFen: 300_000, basisPoints: 50 },
      { upToFen: 500_000, basisPoints: 100 },
      { upToFen: 1_000_000, basisPoints: 150 },
      { upToFen: null, basisPoints: 200 },
    ],
    effectiveFrom: regulationFrom,
    source: `${regulation} 第一条、第二条`,
  },
  {
    category: 'retired',
    baseName: '月离退休费（养老金）总额',
    brackets: [
      { upToFen: 500_000, basisPoints: 50 },
      { upToFen: null, basisPoints: 100 },
    ],
    effectiveFrom: regulationFrom,
    source: `${regulation} 第五条`,
  },
];

/** A fixed monthly amount: one amount (minFen = maxFen), or a range the branch chooses from. */
export interface DuesFixedRule extends Effective {
  category: Extract<DuesCategory, 'fixedMinimum' | 'farmer'>;
  minFen: number;
  maxFen: number;
  defaultFen: number;
}

export const duesFixedRules: readonly DuesFixedRule[] = [
  { category: 'fixedMinimum', minFen: 20, maxFen: 20, defaultFen: 20, effectiveFrom: regulationFrom, source: `${regulation} 第六条` },
  { category: 'farmer', minFen: 20, maxFen: 100, defaultFen: 20, effectiveFrom: regulationFrom, source: `${regulation} 第六条` },
];

/** Rounding of a share of the base to a unit of `unitFen` (1 = fen, 10 = jiao), halves up. */
export interface DuesRoundingRule extends Effective {
  unitFen: 1 | 10;
}

export const duesRoundingRules: readonly DuesRoundingRule[] = [
  { unitFen: 1, effectiveFrom: regulationFrom, source: '本地默认：按比例计算的党费计至分，分以下四舍五入（规定未明定，地方可改为计至角）' },
];

export type DuesLimitKey = 'backPayMonths' | 'prepayMonths' | 'lapseAlertMonths' | 'reverifyMonth';

/** Limits and calendars of collection; the texts name the value so a refusal can quote it. */
export interface DuesLimitRule extends Effective {
  key: DuesLimitKey;
  value: number;
}

export const duesLimitRules: readonly DuesLimitRule[] = [
  /** 补交党费的时间一般不得超过6个月. */
  { key: 'backPayMonths', value: 6, effectiveFrom: regulationFrom, source: `${regulation} 第十二条` },
  /** The regulation sets no limit on paying ahead; a year keeps prepayment within one annual base verification. */
  { key: 'prepayMonths', value: 12, effectiveFrom: regulationFrom, source: '本地默认：经党支部同意可预交党费，最多预交 12 个月（规定未明定，地方可调整）' },
  /** 无正当理由，连续6个月不交纳党费的党员，按自行脱党处理 — the system only alerts; the decision is the Party organisation's. */
  { key: 'lapseAlertMonths', value: 6, effectiveFrom: regulationFrom, source: `${regulation} 第十三条；《中国共产党章程》第九条` },
  {
    key: 'reverifyMonth',
    value: 1,
    effectiveFrom: regulationFrom,
    source: '本地默认：每年 1 月复核党费基数（参照《中央和国家机关基层党组织党费收缴、使用和管理办法》第二条“基层党组织年初核定党员月交纳党费数额”）',
  },
];

export type DuesCadence = 'monthly' | 'quarterly';

/** How often dues are collected: monthly; quarterly only with the branch's consent. */
export interface DuesCadenceRule extends Effective {
  cadence: DuesCadence;
  months: number;
  needsBranchConsent: boolean;
}

export const duesCadenceRules: readonly DuesCadenceRule[] = [
  { cadence: 'monthly', months: 1, needsBranchConsent: false, effectiveFrom: regulationFrom, source: `${regulation} 第十二条` },
  { cadence: 'quarterly', months: 3, needsBranchConsent: true, effectiveFrom: regulationFrom, source: `${regulation} 第十二条` },
];

/** The rule that fixed a member's monthly amount, as stored with the base and shown in the ledger. */
export interface AppliedDuesRule {
  /** Stable key of the bracket or fixed amount, e.g. `inService.3`. */
  key: string;
  text: string;
  source: string;
  effectiveFrom: string;
}

export interface DuesAmount {
  fen: number;
  rule: AppliedDuesRule;
}

/** A base or amount the rules cannot reckon with; `field` names the input at fault. */
export class DuesInputError extends Error {
  constructor(
    readonly field: 'baseFen' | 'fixedFen' | 'date',
    message: string,
  ) {
    super(message);
    this.name = 'DuesInputError';
  }
}

/** The limit `key` in force on `date`, with its source. */
export function duesLimit(key: DuesLimitKey, date: string): DuesLimitRule {
  const rule = ruleOn(duesLimitRules, date, (r) => r.key === key);
  if (!rule) throw new DuesInputError('date', `${date} 时尚无党费收缴规定`);
  return rule;
}

const percent = (basisPoints: number) => `${basisPoints / 100}%`;

function bracketText(rule: DuesRateRule, index: number): string {
  const bracket = rule.brackets[index] as DuesBracket;
  const lower = index > 0 ? (rule.brackets[index - 1] as DuesBracket).upToFen : null;
  const who = rule.category === 'inService' ? '在职党员' : '离退休党员';
  const range =
    lower === null
      ? `${yuan(bracket.upToFen ?? 0)} 元以下（含）`
      : bracket.upToFen === null
        ? `${yuan(lower)} 元以上`
        : `${yuan(lower)} 元以上至 ${yuan(bracket.upToFen)} 元（含）`;
  return `${who}${rule.baseName} ${range}，按 ${percent(bracket.basisPoints)} 交纳`;
}

function rounded(product: number, unitFen: number): number {
  // product = base × basis points; the amount is product / 10,000 fen, rounded half up to the unit.
  const divisor = 10_000 * unitFen;
  return Math.floor((product + divisor / 2) / divisor) * unitFen;
}

/** The tables the calculator reads; a locality's variant (say, rounding to jiao from some date) is another set of rows. */
export interface DuesRuleSet {
  rates: readonly DuesRateRule[];
  fixed: readonly DuesFixedRule[];
  rounding: readonly DuesRoundingRule[];
}

export const duesRules: DuesRuleSet = { rates: duesRateRules, fixed: duesFixedRules, rounding: duesRoundingRules };

/**
 * The monthly dues of a member on `date` (YYYY-MM-DD): a share of the whole base for those in service and retired,
 * a fixed amount otherwise. `baseFen` is the base for share categories; `fixedFen` is a farmer's amount within the range.
 */
export function monthlyDues(
  baseFen: number | null,
  category: DuesCategory,
  date: string,
  options: { fixedFen?: number | null; rules?: DuesRuleSet } = {},
): DuesAmount {
  const { fixedFen, rules = duesRules } = options;
  if (category === 'inService' || category === 'retired') {
    const rule = ruleOn(rules.rates, date, (r) => r.category === category);
    const rounding = ruleOn(rules.rounding, date, () => true);
    if (!rule || !rounding) throw new DuesInputError('date', `${date} 时尚无党费比例规定`);
    if (baseFen === null || !Number.isSafeInteger(baseFen) || baseFen < 0) throw new DuesInputError('baseFen', `请填写${rule.baseName}`);
    const index = rule.brackets.findIndex((b) => b.upToFen === null || baseFen <= b.upToFen);
    const bracket = rule.brackets[index] as DuesBracket;
    return {
      fen: rounded(baseFen * bracket.basisPoints, rounding.unitFen),
      rule: {
        key: `${category}.${index + 1}`,
        text: bracketText(rule, index),
        source: rounding.unitFen === 1 ? rule.source : `${rule.source}；${rounding.source}`,
        effectiveFrom: rule.effectiveFrom,
      },
    };
  }
  const rule = ruleOn(rules.fixed, date, (r) => r.category === category);
  if (!rule) throw new DuesInputError('date', `${date} 时尚无定额党费规定`);
  const fen = rule.minFen === rule.maxFen ? rule.minFen : (fixedFen ?? rule.defaultFen);
  if (!Number.isSafeInteger(fen) || fen < rule.minFen || fen > rule.maxFen)
    throw new DuesInputError('fixedFen', `每月应在 ${yuan(rule.minFen)} 元至 ${yuan(rule.maxFen)} 元之间`);
  const text =
    rule.minFen === rule.maxFen ? `每月定额交纳 ${yuan(fen)} 元` : `每月交纳 ${yuan(rule.minFen)} 元至 ${yuan(rule.maxFen)} 元，本人为 ${yuan(fen)} 元`;
  return { fen, rule: { key: category, text, source: rule.source, effectiveFrom: rule.effectiveFrom } };
}
