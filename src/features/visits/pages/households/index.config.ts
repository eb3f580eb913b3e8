export default definePageConfig({ navigationBarTitleText: '住户走访', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
