export default definePageConfig({ navigationBarTitleText: '诉求总览', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
