import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { placeMessages, problemPath, toInput } from './form-values';

describe('toInput', () => {
  it('turns dates into YYYY-MM-DD and drops blank strings, keeping nulls', () => {
    expect(toInput({ on: dayjs('2024-03-05'), name: '  ', phone: null, list: [{ a: '', b: 'x' }] })).toEqual({
      on: '2024-03-05',
      phone: null,
      list: [{ b: 'x' }],
    });
  });
});

describe('problemPath', () => {
  it('drops the request part and makes list indexes numbers', () => {
    expect(problemPath('body.posts.0.holderName')).toEqual(['posts', 0, 'holderName']);
    expect(problemPath('name')).toEqual(['name']);
  });
});

describe('placeMessages', () => {
  it('puts a message on the nearest existing field and returns the rest', () => {
    const result = placeMessages(
      [['name'], ['coveredUnitIds']],
      [
        { path: ['coveredUnitIds', 1], message: 'bad id' },
        { path: ['name'], message: 'too long' },
        { path: [], message: 'unknown key' },
      ],
    );
    expect(result.fieldErrors).toEqual([
      { name: ['coveredUnitIds'], errors: ['bad id'] },
      { name: ['name'], errors: ['too long'] },
    ]);
    expect(result.leftover).toEqual(['unknown key']);
  });
});
