export default definePageConfig({ navigationBarTitleText: '对接系统密钥', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
