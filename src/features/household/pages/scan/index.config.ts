export default definePageConfig({ navigationBarTitleText: '扫码绑定网格' });
