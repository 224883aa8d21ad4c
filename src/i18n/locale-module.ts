/**
 * What every locale module shares (built once into dist/locales/, never into the main bundle):
 * registering its table, and the sentence translator that shows our English failure sentences in
 * that language.
 */
import { installSentenceTranslator, registerLocale, type LlamaChatLocale } from './registry.js';
import { translateSentence } from './sentences.js';

export function registerTranslation(lang: string, table: LlamaChatLocale): void {
  installSentenceTranslator(translateSentence);
  registerLocale(lang, table);
}
