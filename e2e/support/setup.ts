// Browser flows start a runtime and Chromium; a slow CI machine must not fail them on time alone.
jest.setTimeout(120_000);
