import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');

/** weapp is opened by WeChat DevTools from dist/ (project.config.json → miniprogramRoot); the local gateway serves dist-h5/. */
const outputRoot = process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wanggetong',
    date: '2025-1-1',
    // NutUI's own styles are written for a 375-wide design, ours for 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file;
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    alias: {
      '@core': path.join(root, 'core'),
      '@': path.join(root, 'src'),
    },
    // Env vars the app reads must be replaced at build time even when unset (nothing provides `process` at run time).
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      'process.env.TARO_APP_API_BASE': JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Templates for 8 levels of nesting instead of 16 (deeper nodes render through Taro's recursive custom
    // component): base.wxml drops from 60 KB to 38 KB of the main package's 350 KB budget.
    baseLevel: 8,
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // core/ sits beside src/ and is shared with the cloud functions: compile it with the app's own code.
      compile: { include: [path.join(root, 'core')] },
      // Modules used by one subpackage only are moved into it, which keeps the main package small.
      optimizeMainPackage: { enable: true },
      // Chinese text stays UTF-8 (3 bytes a character) instead of \uXXXX escapes (6): the package budget counts bytes,
      // and WeChat reads package scripts as UTF-8.
      terser: { enable: true, config: { output: { ascii_only: false } } },
      webpackChain(chain) {
        // F2 (assessment subpackage only) uses a dozen tslib helpers, the main package two: as one shared module,
        // tslib would carry all of them into the main package's vendors.js. F2's imports get their own copy of
        // tslib (its plain ES file), which optimizeMainPackage then keeps in the subpackage.
        chain.module
          .rule('antv-own-tslib')
          .test(/[\\/]node_modules[\\/]@antv[\\/]/)
          .resolve.alias.set('tslib$', path.join(root, 'node_modules/tslib/tslib.es6.js'));
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [path.join(root, 'core')] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The H5 build is the local demo and test target, served from this machine; webpack's web-size hints do not apply.
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      postcss: {
        // 1rem = 20px at a 375-wide phone; the root grows with the screen only up to 24px (a 450px-wide
        // layout), so a desktop browser shows the phone layout at a readable size instead of doubling it.
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 16, maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
