import Taro from '@tarojs/taro';

/** Opens the phone's dialer. Cancelling is the person's choice, not an error. */
export function dial(phoneNumber: string): void {
  Taro.makePhoneCall({ phoneNumber: phoneNumber.replace(/[\s-]/g, '') }).catch(() => undefined);
}
