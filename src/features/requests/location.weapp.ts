import Taro from '@tarojs/taro';
import { placeAddress, placeName, type LocationPick } from './location-pick';
import { pickFailureOf } from './photo-rules';

export function canPickLocation(): boolean {
  return true;
}

/** The map picker: needs `chooseLocation` in app.json's requiredPrivateInfos and the privacy guide. */
export async function pickLocation(): Promise<LocationPick> {
  try {
    const res = await Taro.chooseLocation({});
    return {
      kind: 'picked',
      point: { latitude: res.latitude, longitude: res.longitude, name: placeName(res.name) },
      address: placeAddress(res.address),
    };
  } catch (e) {
    return { kind: pickFailureOf(e) };
  }
}
