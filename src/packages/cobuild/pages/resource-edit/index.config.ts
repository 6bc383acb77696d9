export default definePageConfig({ navigationBarTitleText: '新增资源' });
