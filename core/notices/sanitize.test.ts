import fc from 'fast-check';
import { blocksLength, looksLikeHtml, toBlocks, toPlainText } from './sanitize';

describe('toBlocks: what a publisher types or pastes becomes paragraphs and lists', () => {
  it('plain text: blank lines separate paragraphs, bullets and numbers make lists', () => {
    expect(toBlocks('第一段第一行\n第一段第二行\n\n第二段\n- 甲\n· 乙\n\n1. 一\n2、二\n（3）三')).toEqual([
      { kind: 'p', text: '第一段第一行\n第一段第二行' },
      { kind: 'p', text: '第二段' },
      { kind: 'ul', items: ['甲', '乙'] },
      { kind: 'ol', items: ['一', '二', '三'] },
    ]);
  });

  it('pasted HTML keeps its paragraphs and lists and loses everything else', () => {
    const html = '<div style="color:red"><h2>停电通知</h2><p>今晚<strong>八点</strong>停电。<br>请做好准备。</p>' +
      '<ol><li>关电器</li><li>备手电</li></ol><p><a href="javascript:alert(1)" onmouseover="x()">详情</a></p></div>';
    expect(toBlocks(html)).toEqual([
      { kind: 'p', text: '停电通知' },
      { kind: 'p', text: '今晚八点停电。\n请做好准备。' },
      { kind: 'ul', items: ['关电器', '备手电'] },
      { kind: 'p', text: '详情' },
    ]);
  });

  it.each([
    ['<script>alert(1)</script>正文'],
    ['<SCRIPT type="text/javascript">alert(1)</SCRIPT >正文'],
    ['<img src=x onerror=alert(1)>正文'],
    ['<svg onload=alert(1)><circle/></svg>正文'],
    ['<iframe src="javascript:alert(1)"></iframe>正文'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;正文'],
    ['&#60;img src=x onerror=alert(1)&#62;正文'],
    ['<scr<script>ipt>alert(1)</script>正文'],
    ['<!-- <script>alert(1)</script> -->正文'],
    ['<style>body{background:url(javascript:alert(1))}</style>正文'],
    ['<script>alert(1)'],
  ])('nothing executable survives: %s', (input) => {
    const text = JSON.stringify(toBlocks(input));
    expect(text).not.toMatch(/<|>|onerror|onload|javascript:|alert\(1\)/i);
  });

  it('never outputs a tag, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<', '>', 'script', 'img', ' ', 'onerror=', '"', '&lt;', '&gt;', '&#60;', '/', 'p', '正文', '\n', '- ', '1. '), { maxLength: 40 }), (parts) => {
        const blocks = toBlocks(parts.join(''));
        for (const b of blocks) {
          for (const t of b.kind === 'p' ? [b.text] : b.items) expect(t).not.toMatch(/<\/?[a-z!][^<>]*(>|$)/i);
        }
      }),
    );
  });

  it('drops control and zero-width characters, and nothing-but-markup is empty', () => {
    expect(toBlocks('正\u0000文\u200b内容\u202e')).toEqual([{ kind: 'p', text: '正文内容' }]);
    expect(toBlocks('<p> </p><br><script>x</script>')).toEqual([]);
  });

  it('round-trips through the edit form text', () => {
    const blocks = toBlocks('第一段\n\n- 甲\n- 乙\n\n1. 一\n2. 二');
    expect(toBlocks(toPlainText(blocks))).toEqual(blocks);
    expect(blocksLength(blocks)).toBe(3 + 2 + 2);
    expect(looksLikeHtml('a < b 且 c > d')).toBe(false);
    expect(toBlocks('温度 a < b 且 c > d')).toEqual([{ kind: 'p', text: '温度 a < b 且 c > d' }]);
  });
});
