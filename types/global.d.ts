/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.gif' {
  const src: string;
  export default src;
}
declare module '*.jpg' {
  const src: string;
  export default src;
}
declare module '*.svg' {
  const src: string;
  export default src;
}
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Node's own: decides minification and dev-only checks in the build. */
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; replaced at build time, so `if (process.env.TARO_ENV === 'h5')` drops the other side's code. */
    TARO_ENV: 'weapp' | 'h5';
    /** Mini-program appid for this build (Taro writes it into dist/project.config.json). */
    TARO_APP_ID?: string;
    /** CloudBase environment id used by `Taro.cloud.init` on weapp; unset → the environment selected in DevTools. */
    TARO_APP_CLOUD_ENV?: string;
    /** H5 only: origin of the local gateway when it is not the page's own origin (default: same origin, relative URLs). */
    TARO_APP_API_BASE?: string;
  }
}

/**
 * The app is type-checked without Node's types (tsconfig `types: []`); Taro replaces `process.env.*`
 * at build time, so this is all of `process` the app may use.
 */
declare const process: { env: NodeJS.ProcessEnv };
