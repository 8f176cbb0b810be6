import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

const guess = (text: string) => detectLanguage(text);

describe('detectLanguage', () => {
  it('reads ordinary complaints as English', () => {
    expect(guess('My parcel never arrived and nobody answers my emails').english).toBe(true);
    expect(guess('wtf is this').english).toBe(true);
  });

  it('flags Spanish, French and German', () => {
    expect(guess('Mi pedido no ha llegado y nadie me responde').code).toBe('es');
    expect(guess("Je n'ai pas reçu ma commande et personne ne me répond pour le moment").code).toBe(
      'fr',
    );
    expect(guess('Ich habe meine Bestellung nicht bekommen und das ist nicht okay').code).toBe(
      'de',
    );
  });

  it('flags text in other scripts', () => {
    const ru = guess('Мой заказ так и не пришёл');
    expect(ru.english).toBe(false);
    expect(ru.code).toBe('und-Cyrl');
    expect(guess('لم يصل طلبي بعد').english).toBe(false);
    expect(guess('我的订单还没有到').english).toBe(false);
  });

  it('does not call short or wordless text foreign', () => {
    expect(guess('').english).toBe(true);
    expect(guess('😡😡😡').english).toBe(true);
    expect(guess('ok').english).toBe(true);
  });
});
