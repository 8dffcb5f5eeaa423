/** What test/pages/share-target/app.js puts on `window` for test/share-target.test.ts. */
type Fields = Record<string, string>;
type FileSpec = { name: string; type: string; text: string };
type Taken = { title?: string; text?: string; url?: string; files: FileSpec[] } | undefined;

declare global {
  interface Window {
    shareApp: {
      params: Record<string, string>;
      registered(): Promise<boolean>;
      postNavigation(fields: Fields, files?: FileSpec[]): void;
      post(
        body: BodyInit | null,
        headers?: Record<string, string>,
      ): Promise<{ redirected: boolean; to: Record<string, string>; stored: number }>;
      form(fields: Fields, files?: FileSpec[]): FormData;
      count(): Promise<number>;
      seedExpired(): Promise<void>;
      take(id?: string | null): Promise<Taken>;
      handOff(id: string, guestOrigin: string): Promise<{ title?: string; files: string[] }>;
      taken: Promise<Taken>;
      address?: string;
    };
  }
}

export {};
