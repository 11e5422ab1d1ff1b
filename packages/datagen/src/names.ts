import type { Rng } from './random';

// Common surnames, most frequent first; the pick is skewed towards the head as in real registries.
const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const givenChars = [
  ...new Set(
    '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海燕飞云峰岩晨阳雪梅丹琳晓宇浩然子涵思雨欣怡嘉佳文博俊凯瑞泽睿婷颖倩茜瑶璐宁昊天鑫磊彬斌洁慧敏莉蓉蕾薇晶晶亮东南北春秋冬松柏竹清远航永庆立新卫民振兴德福荣贵成',
  ),
];

export function personName(rng: Rng): string {
  const surname = surnames[Math.floor(rng.next() ** 1.6 * surnames.length)] as string;
  const first = rng.pick(givenChars);
  return rng.chance(0.3) ? `${surname}${first}` : `${surname}${first}${rng.pick(givenChars)}`;
}

/** Invented place names (no real city); the first is the demo city. */
export const cityNames = [
  '鸿雁',
  '白鹭',
  '青岚',
  '云栖',
  '星澜',
  '松涛',
  '碧溪',
  '雁鸣',
  '鹤汀',
  '翠微',
  '霁川',
  '棠梨',
  '岚屿',
  '芷兰',
  '溯光',
  '晴川',
  '望舒',
  '栖云',
  '沁园',
  '曦和',
  '鸣泉',
  '映雪',
  '听涛',
  '落霞',
  '青梧',
  '云漪',
  '桐雨',
  '星渚',
  '鹿鸣',
  '月泉',
  '溪岚',
  '松筠',
] as const;

const countyHeads = [...'栖岚澈汀棠芷霁曦'];
const countyTails = [...'鹭溪屿原峪湄岫渚'];
export const countyNames = countyHeads.flatMap((head) => countyTails.map((tail) => `${head}${tail}`));

export const provinceName = '云澜';

const numerals = [...'零一二三四五六七八九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 37 → 三十七 (up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return numerals[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : numerals[tens]}十${ones === 0 ? '' : numerals[ones]}`;
}
