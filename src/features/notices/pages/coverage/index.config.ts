export default definePageConfig({
  navigationBarTitleText: '到户情况',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
