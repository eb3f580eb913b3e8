export default definePageConfig({
  navigationBarTitleText: '网格到户',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
