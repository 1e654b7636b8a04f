export declare const GENERATED_APIS: readonly string[];
export declare const GENERATED: readonly string[];
export declare function generatedFile(api: string): string;
export declare function generateTypes(api: string): Promise<string>;
