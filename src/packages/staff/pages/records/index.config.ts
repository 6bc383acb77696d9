export default definePageConfig({ navigationBarTitleText: '六个一审核' });
