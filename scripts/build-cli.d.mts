/** scripts/build-cli.mjs: the CLI bundle's path, and the build that writes it. */
export declare const cliBundle: string;
export declare function buildCli(): Promise<string>;
