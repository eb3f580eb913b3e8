import { Text, View } from '@tarojs/components';
import type { NoticeBlock } from '@core/notices/notice';

/**
 * A notice's body as plain text blocks: paragraphs, bulleted and numbered lists. Always Text, never
 * rich-text or HTML, so nothing a publisher pasted can run or restyle the page.
 */
export default function NoticeBody({ blocks, className }: { blocks: NoticeBlock[]; className?: string }) {
  return (
    <View className={`nt-body ${className ?? ''}`}>
      {blocks.map((b, i) =>
        b.kind === 'p' ? (
          <Text key={i} className="nt-body__p">
            {b.text}
          </Text>
        ) : (
          <View key={i} className={`nt-body__list nt-body__list--${b.kind}`}>
            {b.items.map((item, j) => (
              <View key={j} className="nt-body__li">
                <Text className="nt-body__mark">{b.kind === 'ul' ? '•' : `${j + 1}.`}</Text>
                <Text className="nt-body__item">{item}</Text>
              </View>
            ))}
          </View>
        ),
      )}
    </View>
  );
}
