export default definePageConfig({ navigationBarTitleText: '网格员与联系卡' });
