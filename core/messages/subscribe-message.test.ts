import fc from 'fast-check';
import { MESSAGE_TEMPLATES } from './message';
import { KEYWORD_KINDS, KEYWORD_LIMITS, TEMPLATE_KEYWORDS, shapeKeyword, shapeTemplateData, templateDataProblems, templatePage, wechatTime } from './subscribe-message';

const AT = new Date('2026-10-08T01:05:00.000Z'); // 09:05 Beijing
const len = (s: string) => Array.from(s).length;

describe('shapeKeyword', () => {
  it('thing: at most 20 characters, a cut text ending in an ellipsis inside the limit', () => {
    expect(shapeKeyword('thing', '环境卫生', AT)).toBe('环境卫生');
    const long = '小区东门外的垃圾桶已经三天没有人清运了气味很大';
    const shaped = shapeKeyword('thing', long, AT);
    expect(len(shaped)).toBe(20);
    expect(shaped).toBe(`${Array.from(long).slice(0, 19).join('')}…`);
    expect(shapeKeyword('thing', 'x'.repeat(20), AT)).toBe('x'.repeat(20));
  });

  it('thing: one line of text, emoji dropped, never empty', () => {
    expect(shapeKeyword('thing', '  楼道\n杂物\t堆放  ', AT)).toBe('楼道 杂物 堆放');
    expect(shapeKeyword('thing', '漏水😀了', AT)).toBe('漏水了');
    expect(shapeKeyword('thing', '', AT)).toBe('无');
    expect(shapeKeyword('thing', undefined, AT)).toBe('无');
  });

  it('phrase: Chinese characters only, at most 5', () => {
    expect(shapeKeyword('phrase', '已受理', AT)).toBe('已受理');
    expect(shapeKeyword('phrase', '不予受理', AT)).toBe('不予受理');
    expect(shapeKeyword('phrase', '已办结待确认', AT)).toBe('已办结待确');
    expect(shapeKeyword('phrase', '第2次重办!', AT)).toBe('第次重办');
    expect(shapeKeyword('phrase', 'OK', AT)).toBe('有更新');
  });

  it('name, character_string, phone_number and number keep only what each accepts, within their limits', () => {
    expect(shapeKeyword('name', '欧阳 娜娜娜娜娜娜娜娜', AT)).toBe('欧阳娜娜娜娜娜娜娜娜');
    expect(shapeKeyword('name', 'Alexandra Catherine Smith', AT)).toBe('Alexandra Catherine');
    expect(shapeKeyword('character_string', 'rq-2026 诉求编号#00012345678901234567890', AT)).toBe('rq-2026#00012345678901234567890');
    expect(len(shapeKeyword('character_string', 'a'.repeat(40), AT))).toBe(32);
    expect(shapeKeyword('phone_number', '电话：0710-8000001 转 2', AT)).toBe('0710-80000012');
    expect(shapeKeyword('number', '第 12 件', AT)).toBe('12');
  });

  it('time: an ISO instant in Beijing time, a value already in WeChat format kept, anything else the fallback', () => {
    expect(shapeKeyword('time', '2026-09-30T16:30:00.000Z', AT)).toBe('2026年10月1日 00:30');
    expect(shapeKeyword('time', '2026年3月2日 08:00', AT)).toBe('2026年3月2日 08:00');
    expect(shapeKeyword('time', '明天下午', AT)).toBe('2026年10月8日 09:05');
    expect(shapeKeyword('date', '2026-09-30T16:30:00.000Z', AT)).toBe('2026年10月1日');
    expect(wechatTime(new Date('2026-01-01T15:59:00Z'))).toBe('2026年1月1日 23:59');
  });

  it('every shaped value keeps its kind\'s rules, whatever the input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYWORD_KINDS), fc.string({ unit: fc.constantFrom('a', '中', '1', ' ', '\n', '😀', '-', '：', '…') , maxLength: 60 }), (kind, raw) => {
        const v = shapeKeyword(kind, raw, AT);
        expect(v.length).toBeGreaterThan(0);
        expect(v).not.toMatch(/[\n\r\t]/);
        if (kind === 'time') expect(v).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
        else if (kind === 'date') expect(v).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
        else if (kind === 'name') expect(len(v)).toBeLessThanOrEqual(20);
        else expect(len(v)).toBeLessThanOrEqual(KEYWORD_LIMITS[kind]);
        if (kind === 'phrase') expect(v).toMatch(/^[\u4e00-\u9fff]{1,5}$/);
      }),
    );
  });
});

describe('templates', () => {
  it('each template has 2–5 keywords whose keys are their kind and position, with a label', () => {
    for (const t of MESSAGE_TEMPLATES) {
      const keywords = TEMPLATE_KEYWORDS[t];
      expect(keywords.length).toBeGreaterThanOrEqual(2);
      expect(keywords.length).toBeLessThanOrEqual(5);
      keywords.forEach((k, i) => {
        expect(k.key).toBe(`${k.kind}${i + 1}`);
        expect(k.label).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  });

  it('shapes a request payload into the template data WeChat expects', () => {
    const payload = { title: '诉求已办结，请确认', category: '环境卫生', status: '待确认', time: '2026年10月8日 09:05', requestId: 'rq1' };
    expect(shapeTemplateData('request_status', payload, AT)).toEqual({
      thing1: { value: '环境卫生' },
      phrase2: { value: '待确认' },
      time3: { value: '2026年10月8日 09:05' },
      thing4: { value: '诉求已办结，请确认' },
    });
    expect(Object.keys(shapeTemplateData('notice_urgent', { title: '明日停水' }, AT))).toEqual(['thing1', 'thing2', 'time3']);
  });

  it('what WeChat would refuse is found in unshaped data, and never in shaped data', () => {
    expect(templateDataProblems('request_status', { thing1: { value: 'x'.repeat(21) }, phrase2: { value: '已受理1' }, time3: { value: '2026-10-08 09:05' } })).toEqual([
      'thing1: longer than thing allows',
      'phrase2: a phrase is up to 5 Chinese characters',
      'time3: not a time like 2019年10月1日 15:01',
      'thing4: empty',
    ]);
    expect(templateDataProblems('request_new', { thing1: { value: '环境' }, thing2: { value: '新诉求' }, time3: { value: '2026年1月1日 08:00' }, thing9: { value: 'x' } })).toEqual([
      'thing9: not a keyword of request_new',
    ]);
    fc.assert(
      fc.property(fc.constantFrom(...MESSAGE_TEMPLATES), fc.dictionary(fc.constantFrom('title', 'category', 'status', 'time', 'publisher', 'requestId'), fc.string({ maxLength: 40 })), (t, payload) => {
        expect(templateDataProblems(t, shapeTemplateData(t, payload, AT))).toEqual([]);
      }),
    );
  });

  it('opens the request a message is about, an urgent notice\'s own page, and the home page for anything unusable', () => {
    expect(templatePage('request_status', { requestId: 'abc123' })).toBe('features/requests/pages/detail/index?id=abc123');
    expect(templatePage('request_new', { requestId: 'a b' })).toBe('pages/home/index');
    expect(templatePage('notice_urgent', { page: '/features/notices/pages/detail/index?id=n1' })).toBe('features/notices/pages/detail/index?id=n1');
    expect(templatePage('notice_urgent', { page: 'https://evil.example/' })).toBe('pages/home/index');
    expect(templatePage('notice_urgent', {})).toBe('pages/home/index');
  });
});
