export default definePageConfig({ navigationBarTitleText: '考核评价', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
