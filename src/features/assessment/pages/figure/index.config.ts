export default definePageConfig({ navigationBarTitleText: '指标对应的诉求', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
