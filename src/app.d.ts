import type { Locale } from '$lib/i18n';
import type { Runtime } from '$lib/server/runtime';

declare global {
  namespace App {
    interface Locals {
      locale: Locale;
      runtime: Runtime;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
