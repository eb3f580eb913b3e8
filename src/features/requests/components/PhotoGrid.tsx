import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';

/** Photos three to a row; a tap opens them full screen, swipeable. */
export default function PhotoGrid({ urls, className }: { urls: string[]; className?: string }) {
  const [broken, setBroken] = useState<Record<number, boolean>>({});
  if (urls.length === 0) return null;
  return (
    <View className={`rq-photos ${className ?? ''}`}>
      {urls.map((url, i) => (
        <View key={url} className="rq-photo e2e-photo" onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)}>
          {broken[i] ? (
            <Text className="rq-photo__missing">图片已失效</Text>
          ) : (
            <Image className="rq-photo__img" src={url} mode="aspectFill" lazyLoad onError={() => setBroken((b) => ({ ...b, [i]: true }))} ariaLabel={`第${i + 1}张图片`} />
          )}
        </View>
      ))}
    </View>
  );
}
