export default definePageConfig({ navigationBarTitleText: '住户绑定确认', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
