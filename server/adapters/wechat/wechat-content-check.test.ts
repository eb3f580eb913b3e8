import { wordListContentCheck } from '../content-check/word-list-content-check';
import { wechatContentCheck, type MsgSecCheckApi } from './wechat-content-check';

const silent = { error: () => undefined };
function api(suggest: (content: string) => string | Error): MsgSecCheckApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    security: {
      async msgSecCheck(args) {
        calls.push(args.content);
        expect(args).toMatchObject({ version: 2, scene: 2, openid: 'o1' });
        const r = suggest(args.content);
        if (r instanceof Error) throw r;
        return { result: { suggest: r } };
      },
    },
  };
}

describe('content check', () => {
  it('the local word list holds text containing a street word, ignoring spaces and case', async () => {
    expect(await wordListContentCheck.check({ text: '这里有 测试 违禁词', openid: 'o1', streetWords: ['测试违禁词'] })).toBe('review');
    expect(await wordListContentCheck.check({ text: '楼道灯坏了', openid: 'o1', streetWords: ['测试违禁词'] })).toBe('pass');
    expect(await wordListContentCheck.check({ text: 'ABC', openid: 'o1', streetWords: ['abc'] })).toBe('review');
  });

  it('WeChat msgSecCheck v2: only a clear pass passes; long text is checked in 2,500-character slices', async () => {
    const pass = api(() => 'pass');
    expect(await wechatContentCheck(pass, silent).check({ text: '好'.repeat(5001), openid: 'o1', streetWords: [] })).toBe('pass');
    expect(pass.calls.map((c) => c.length)).toEqual([2500, 2500, 1]);
    expect(await wechatContentCheck(api(() => 'risky'), silent).check({ text: '内容', openid: 'o1', streetWords: [] })).toBe('review');
    expect(await wechatContentCheck(api(() => 'review'), silent).check({ text: '内容', openid: 'o1', streetWords: [] })).toBe('review');
  });

  it('a partner system (no WeChat user, openid null) is checked by the street word list only; WeChat is not asked', async () => {
    const a = api(() => 'risky');
    expect(await wechatContentCheck(a, silent).check({ text: '楼道灯坏了', openid: null, streetWords: ['测试违禁词'] })).toBe('pass');
    expect(await wechatContentCheck(a, silent).check({ text: '这里有测试违禁词', openid: null, streetWords: ['测试违禁词'] })).toBe('review');
    expect(a.calls).toEqual([]);
  });

  it('holds the text when WeChat cannot be reached — held for review, never lost', async () => {
    expect(await wechatContentCheck(api(() => new Error('timeout')), silent).check({ text: '内容', openid: 'o1', streetWords: [] })).toBe('review');
  });

  it('the street word list applies before WeChat is asked', async () => {
    const a = api(() => 'pass');
    expect(await wechatContentCheck(a, silent).check({ text: '测试违禁词', openid: 'o1', streetWords: ['测试违禁词'] })).toBe('review');
    expect(a.calls).toEqual([]);
  });
});
