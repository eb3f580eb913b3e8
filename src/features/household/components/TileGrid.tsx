import { Text, View } from '@tarojs/components';

export interface Tile {
  key: string;
  label: string;
  sub?: string;
}

/** Big tappable tiles (楼栋, 单元, 房号): easy to hit, three to a row. */
export default function TileGrid({ tiles, onPick, className }: { tiles: Tile[]; onPick: (key: string) => void; className?: string }) {
  return (
    <View className={`tiles ${className ?? ''}`}>
      {tiles.map((t) => (
        <View key={t.key} className="tiles__item e2e-tile" hoverClass="tiles__item--pressed" onClick={() => onPick(t.key)}>
          <Text className="tiles__label">{t.label}</Text>
          {t.sub ? <Text className="tiles__sub">{t.sub}</Text> : null}
        </View>
      ))}
    </View>
  );
}
