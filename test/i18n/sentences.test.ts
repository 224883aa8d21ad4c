import { expect } from '@open-wc/testing';
import { ar } from '../../src/i18n/locales/ar.js';
import { de } from '../../src/i18n/locales/de.js';
import { es } from '../../src/i18n/locales/es.js';
import { fr } from '../../src/i18n/locales/fr.js';
import { ja } from '../../src/i18n/locales/ja.js';
import { translateSentence, sentences, type SentenceKey } from '../../src/i18n/sentences.js';
import { en } from '../../src/i18n/strings.js';
import {
  describeHttpFailure,
  describeIdleTimeout,
  describeInBandError,
  describeNetworkFailure,
  describeUnfinishedStream,
} from '../../src/protocol/errors.js';
import { normalizeResponsesEvent } from '../../src/protocol/responses/normalize.js';

const LOCALES = { ar, de, es, fr, ja };
const fr_ = { ...en, ...fr };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** What the protocol layer writes, from its real functions. */
const incomplete = (reason: string) =>
  (normalizeResponsesEvent({ type: 'response.incomplete', response: { incomplete_details: { reason } } })[0] as { message: string })
    .message;

describe('failure sentences in other languages', () => {
  it('every language translates every sentence with the same placeholders', () => {
    for (const [name, table] of Object.entries(LOCALES)) {
      for (const key of Object.keys(sentences) as SentenceKey[]) {
        expect(placeholders(table[key]), `${name}.${key}`).to.deep.equal(placeholders(sentences[key]));
        expect(table[key], `${name}.${key}`).to.not.equal(sentences[key]);
      }
    }
  });

  it('translates what errors.ts writes and quotes the server exactly as it was sent', () => {
    const said = 'Invalid value: Session ‘x’ not found. (see <docs> & “more”)';
    const now = new Date(2026, 11, 2, 12, 0, 0);
    // The advice's time is written in the reader's own clock format: the same call the widget makes.
    const inThirty = new Date(2026, 11, 2, 12, 0, 30).toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const cases: [string, string][] = [
      [
        describeHttpFailure(500, { detail: said }, 'turn'),
        `Le serveur a échoué en traitant la requête (HTTP 500). Le serveur a répondu : « ${said} »`,
      ],
      [
        describeHttpFailure(401, { error: { message: 'no token' } }, 'turn'),
        'Le serveur exige une authentification (HTTP 401). Donnez au chat un en-tête Authorization par sa propriété headers. Le serveur a répondu : « no token »',
      ],
      [
        describeHttpFailure(404, {}, 'turn'),
        'Ce serveur n’a pas d’API Agents à cette adresse (HTTP 404). C’est peut-être Llama Stack 0.4 ou plus récent, qui a remplacé les agents par l’API Responses.',
      ],
      [describeHttpFailure(404, {}, 'history'), 'Le serveur n’a pas trouvé cette conversation (HTTP 404).'],
      [describeHttpFailure(404, {}, 'agent'), 'Le serveur n’a pas d’API Agents pour créer l’agent (HTTP 404).'],
      [describeHttpFailure(404, {}, 'session'), 'Le serveur n’a pas trouvé cet agent (HTTP 404).'],
      [describeHttpFailure(429, {}, 'turn'), 'Le serveur limite les requêtes en ce moment (HTTP 429). Réessayez dans un instant.'],
      [describeHttpFailure(400, {}, 'turn'), 'Le serveur a refusé la requête (HTTP 400).'],
      [describeInBandError({ message: said }), `Le serveur a signalé une erreur : ${said}`],
      [describeInBandError({}), 'Le serveur a signalé une erreur sans dire laquelle.'],
      [
        describeNetworkFailure('http://example.test:8321/x', false),
        'Impossible de joindre le serveur à http://example.test:8321. Vérifiez qu’il fonctionne et qu’il accepte les requêtes de cette page (CORS).',
      ],
      [describeNetworkFailure('http://example.test', true), 'La connexion au serveur a été perdue avant la fin de la réponse.'],
      [
        describeUnfinishedStream('text/html; charset=utf-8'),
        'Le serveur a fermé la connexion avant la fin de la réponse. Il a répondu en text/html au lieu d’un flux d’événements.',
      ],
      [
        describeUnfinishedStream(''),
        'Le serveur a fermé la connexion avant la fin de la réponse. Il a répondu sans Content-Type : ce n’est peut-être pas un flux d’événements.',
      ],
      [
        describeHttpFailure(429, {}, 'turn', '30', now),
        `Le serveur limite les requêtes en ce moment (HTTP 429). Il demande de réessayer après ${inThirty}.`,
      ],
      [
        describeHttpFailure(503, { detail: 'busy ” really' }, 'turn', '30', now),
        `Le serveur a échoué en traitant la requête (HTTP 503). Le serveur a répondu : « busy ” really » Il demande de réessayer après ${inThirty}.`,
      ],
      [describeIdleTimeout(2500), 'Le serveur n’a rien envoyé pendant 2.5 secondes : la réponse a été arrêtée.'],
      [incomplete('length'), 'La réponse a été tronquée : elle a atteint la longueur maximale.'],
      [incomplete('content_filter'), 'La réponse a été tronquée par un filtre de contenu.'],
      [incomplete('other'), 'La réponse a été tronquée (other).'],
      [incomplete(''), 'La réponse a été tronquée.'],
    ];
    for (const [english, french] of cases) expect(translateSentence(english, fr_), english).to.equal(french);
  });

  it('translates the configuration hints, keeping attribute names as written', () => {
    expect(translateSentence('Set the base-url attribute to start chatting.', fr_)).to.equal(
      'Renseignez l’attribut base-url pour commencer à discuter.',
    );
    expect(translateSentence('Set the base-url and agent-id attributes to start chatting.', fr_)).to.equal(
      'Renseignez les attributs base-url et agent-id pour commencer à discuter.',
    );
    // The words between the names are the language's; the names, and "(Agents API)", stay as written.
    expect(
      translateSentence('Set the base-url and agent-id (Agents API) or model attributes to start chatting.', { ...en, ...ja }),
    ).to.equal('チャットを始めるには属性 base-url と agent-id (Agents API) または model を設定してください。');
    expect(translateSentence('Set the agent-id (Agents API) or model attribute to start chatting.', { ...en, ...de })).to.equal(
      'Setzen Sie das Attribut agent-id (Agents API) oder model, um zu chatten.',
    );
  });

  it('translates our sentences nested around another one, and leaves unknown text alone', () => {
    const inner = describeHttpFailure(503, { detail: 'down for maintenance' }, 'history');
    expect(translateSentence(`The earlier messages could not be loaded. ${inner}`, fr_)).to.equal(
      'Les messages précédents n’ont pas pu être chargés. Le serveur a échoué en traitant la requête (HTTP 503). Le serveur a répondu : « down for maintenance »',
    );
    expect(translateSentence('Something the server wrote on its own.', fr_)).to.equal('Something the server wrote on its own.');
    // English stays English, word for word.
    expect(translateSentence(inner, {})).to.equal(inner);
  });
});
