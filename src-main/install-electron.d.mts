/** Types for install-electron.mjs (plain JavaScript because it runs before anything is built). */
export declare function electronBindingPath(root: string, abi: string, platform?: string, arch?: string): string;
