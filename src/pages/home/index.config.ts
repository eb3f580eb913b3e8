export default definePageConfig({
  navigationBarTitleText: '网格通',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
