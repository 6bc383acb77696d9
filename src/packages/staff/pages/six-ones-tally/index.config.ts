export default definePageConfig({ navigationBarTitleText: '六个一统计' });
