import { pinyin } from 'pinyin-pro';

/** Search keys of a Chinese name: full pinyin (zhangsan) and initials (zs), surnames read as surnames (曾 → zeng). */
export function pinyinKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true });
  const words = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { pinyin: words.join(''), initials: words.map((w) => w[0]).join('') };
}
