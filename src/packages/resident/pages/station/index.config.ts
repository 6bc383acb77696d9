export default definePageConfig({ navigationBarTitleText: '驿站详情' });
