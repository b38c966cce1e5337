/**
 * Demo data: the PISM Spotlight of September 2020 on Lukashenka's visit to Sochi
 * (../shared/seed/), broken into atomic forecasts.
 *
 * Dates. The seed file carries no publication date. The meeting was on 14 September 2020 and the
 * text reports its outcome, so publication is taken as 15 September 2020; every estimate is dated
 * then. Deadlines follow the text's own horizon:
 *  - "in the coming months" and the "likely consequences of the meeting" → six months (15 March 2021);
 *  - near-term policy moves (economic and military cooperation, the West's role, cooperation with
 *    the EU and the U.S., Poland) → one year (15 September 2021);
 *  - "gradually deepen the integration" and the constitutional process, which the text frames as
 *    slow → two years (15 September 2022), long enough for a signed package, short enough to check.
 */

export const PISM_DOCUMENT = {
  title: "In the Shadow of Post-Election Protests: Lukashenka's Visit to Russia",
  authors: ['Anna Maria Dyner'],
  publisher: 'PISM',
  series: 'Spotlight',
  publishedOn: '2020-09-15',
  url: null,
  language: 'en',
  textFile: 'pism-spotlight-2020-09-lukashenka-sochi.txt',
} as const;

export const PISM_AUTHOR = { name: 'Anna Maria Dyner', kind: 'person', affiliation: 'PISM' } as const;
export const PISM_PUBLISHER = { name: 'PISM', kind: 'organisation', affiliation: 'Polish Institute of International Affairs' } as const;

const SIX_MONTHS = '2021-03-15T23:59:59Z';
const ONE_YEAR = '2021-09-15T23:59:59Z';
const TWO_YEARS = '2022-09-15T23:59:59Z';

export interface DemoForecast {
  statement: string;
  quote: string;
  /** The estimative words in the quote, read on the default scale or flagged as on no scale. */
  words: string;
  resolutionCriteria: string;
  deadline: string;
  tags: string[];
  actors: string[];
  regions: string[];
}

export const PISM_FORECASTS: readonly DemoForecast[] = [
  {
    statement: 'Russia and Belarus will take formal new steps of integration under the Union State Treaty.',
    quote: 'Russia will gradually deepen the integration of both countries',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, Russia and Belarus sign or formally adopt at least one new integration instrument under the Union State Treaty (a treaty, a programme or roadmap approved by the Supreme State Council, or a new common institution). No otherwise.',
    deadline: TWO_YEARS,
    tags: ['integration', 'union-state'],
    actors: ['Russia', 'Belarus'],
    regions: ['Belarus', 'Russia'],
  },
  {
    statement: 'Belarus will remain a formally separate state: no merger with Russia into a single state.',
    quote:
      'Russia will gradually deepen the integration of both countries, however, while maintaining the appearance of political separateness',
    words: 'will',
    resolutionCriteria:
      'Yes if, at the deadline, Belarus remains a separate member of the UN with its own president, parliament and currency, and no treaty merging it with Russia into one state has been signed. No otherwise.',
    deadline: TWO_YEARS,
    tags: ['integration', 'sovereignty'],
    actors: ['Russia', 'Belarus'],
    regions: ['Belarus'],
  },
  {
    statement:
      'Russia will deepen economic cooperation with Belarus through new investments, loans or takeovers of Belarusian enterprises.',
    quote: 'It will focus on economic cooperation (investments, loans, takeovers of enterprises)',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, Russia grants Belarus a state loan beyond the USD 1.5 billion announced on 14 September 2020, or a Russian company or the Russian state acquires a controlling stake in a major Belarusian enterprise. No otherwise.',
    deadline: ONE_YEAR,
    tags: ['integration', 'economy'],
    actors: ['Russia', 'Belarus'],
    regions: ['Belarus'],
  },
  {
    statement: 'Russia will deepen military cooperation with Belarus beyond the joint exercises announced in Sochi.',
    quote: 'It will focus on economic cooperation (investments, loans, takeovers of enterprises) and military cooperation',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, the two states sign a new military cooperation agreement, open joint training centres, or station additional Russian forces or equipment in Belarus beyond the exercises announced on 14 September 2020. No otherwise.',
    deadline: ONE_YEAR,
    tags: ['integration', 'military'],
    actors: ['Russia', 'Belarus'],
    regions: ['Belarus'],
  },
  {
    statement: "Russia will use Belarus's constitutional reform and the calling of new elections to interfere in Belarusian politics.",
    quote:
      "Russia will also use Lukashenka's declarations to reform the constitution to reduce the president's mandate and to call new presidential and parliamentary elections to interfere in this process",
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, Russian officials publicly press for, set conditions on or take part in shaping the content or timing of the Belarusian constitutional reform or of new elections, as reported by at least two independent sources. No if no such involvement is reported.',
    deadline: TWO_YEARS,
    tags: ['elections', 'constitution', 'integration'],
    actors: ['Russia', 'Lukashenka'],
    regions: ['Belarus'],
  },
  {
    statement: 'Lukashenka will not negotiate with representatives of the opposition to solve the political crisis.',
    quote: 'Lukashenka will not seek to solve the political crisis through talks with representatives of the opposition',
    words: 'will not',
    resolutionCriteria:
      "Resolves on the statement: Yes if, by the deadline, Lukashenka holds no talks aimed at settling the crisis with representatives of the opposition (the Coordination Council or Sviatlana Tsikhanouskaya's team). No if such talks take place.",
    deadline: SIX_MONTHS,
    tags: ['repression', 'opposition'],
    actors: ['Lukashenka', 'Belarusian opposition'],
    regions: ['Belarus'],
  },
  {
    statement: 'Repression of the protest movement in Belarus will increase.',
    quote: 'an increase in the repression can be expected',
    words: 'can be expected',
    resolutionCriteria:
      'Yes if the number of political prisoners recognised by the Viasna human rights centre at the deadline is higher than on 15 September 2020. No otherwise.',
    deadline: SIX_MONTHS,
    tags: ['repression', 'human-rights'],
    actors: ['Lukashenka', 'Belarusian security services'],
    regions: ['Belarus'],
  },
  {
    statement: "Russia will increase its control over Belarus's policies in the coming months.",
    quote: 'will seek to subordinate the country more and more in the coming months',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, Belarus concludes at least one new agreement that hands Russia influence over Belarusian economic, energy, security or media policy (for example a Russian-majority ownership deal, a tax or customs harmonisation step, or Russian media or security presence). No otherwise.',
    deadline: SIX_MONTHS,
    tags: ['integration', 'sovereignty'],
    actors: ['Russia'],
    regions: ['Belarus'],
  },
  {
    statement: 'Russia will present itself internationally as the state responsible for regulating the crisis in Belarus.',
    quote: 'Russia will position itself as the country responsible for regulating the crisis in Belarus',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, the Russian government states in international fora (UN, OSCE, bilateral summits) that the Belarusian crisis is for Belarus and Russia to settle, or offers itself as the guarantor or mediator, while rejecting Western involvement. No otherwise.',
    deadline: SIX_MONTHS,
    tags: ['mediation', 'diplomacy'],
    actors: ['Russia'],
    regions: ['Belarus', 'Russia'],
  },
  {
    statement: 'No Western country will mediate between the Belarusian authorities and the opposition.',
    quote:
      'Russia will position itself as the country responsible for regulating the crisis in Belarus, limiting the role of Western countries or international organisations such as the OSCE or the UN, for example, in mediation between the authorities and the opposition',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, no Western government (EU or NATO member) has acted as an accepted mediator in talks between the Belarusian authorities and the opposition. No if one has.',
    deadline: ONE_YEAR,
    tags: ['mediation', 'west'],
    actors: ['Western governments'],
    regions: ['Belarus'],
  },
  {
    statement: 'Neither the OSCE nor the UN will mediate between the Belarusian authorities and the opposition.',
    quote:
      'Russia will position itself as the country responsible for regulating the crisis in Belarus, limiting the role of Western countries or international organisations such as the OSCE or the UN, for example, in mediation between the authorities and the opposition',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, neither the OSCE nor the UN has been accepted by the Belarusian authorities as a mediator between them and the opposition (offers that Minsk rejects do not count). No if either has.',
    deadline: ONE_YEAR,
    tags: ['mediation', 'osce', 'un'],
    actors: ['OSCE', 'UN'],
    regions: ['Belarus'],
  },
  {
    statement: "Poland's ability to support Belarusian society will be curtailed.",
    quote: 'This will make it difficult for countries like Poland to support Belarusian society',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, the Belarusian authorities take measures against Polish support for Belarusian society: expelling Polish diplomats, closing Polish consulates or cultural institutions, prosecuting Polish-minority organisations, or blocking Polish-funded media. No otherwise.',
    deadline: ONE_YEAR,
    tags: ['poland', 'west'],
    actors: ['Poland', 'Belarus'],
    regions: ['Belarus', 'Poland'],
  },
  {
    statement: 'Belarus will scale back its cooperation with the EU.',
    quote: 'Belarus will not be interested in continuing its current cooperation with the EU',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, Belarus suspends or leaves a cooperation framework with the EU (for example the Eastern Partnership, or the readmission agreement) or expels EU diplomats. No otherwise.',
    deadline: ONE_YEAR,
    tags: ['west', 'eu'],
    actors: ['Belarus', 'EU'],
    regions: ['Belarus'],
  },
  {
    statement: 'Belarus will scale back its cooperation with the United States.',
    quote: 'Belarus will not be interested in continuing its current cooperation with the EU and the U.S.',
    words: 'will',
    resolutionCriteria:
      'Yes if, by the deadline, Belarus blocks the exchange of ambassadors agreed with the U.S. in 2020, withdraws its agrément for the U.S. ambassador, or cuts U.S. embassy staff. No otherwise.',
    deadline: ONE_YEAR,
    tags: ['west', 'usa'],
    actors: ['Belarus', 'United States'],
    regions: ['Belarus'],
  },
];
