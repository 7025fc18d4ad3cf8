/**
 * Letter pairs that are frequent in English words and in the words identifiers are made of
 * (a fact of the language, picked by hand from frequency tables): a value made of words
 * shows many of them, a value drawn at random shows about as many as their share of all pairs.
 */
export const COMMON_BIGRAMS: ReadonlySet<string> = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve ' +
    'co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns ge ly ei id ex ut ss ' +
    'et un tr pr ac ad ag am ap il im ol op us ow ct di fi ke lo mo no po so ue rd rs ns ck sh'
  ).split(' '),
);
