export default definePageConfig({ navigationBarTitleText: '今日待访', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
