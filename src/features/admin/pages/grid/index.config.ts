export default definePageConfig({ navigationBarTitleText: '网格详情', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
