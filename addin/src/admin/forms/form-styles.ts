import { makeStyles, selectClassNames, tokens } from '@fluentui/react-components';

/** The one layout of every console form: a column that becomes two on wide screens. */
export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '880px' },
  grid: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    columnGap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    // A field beside one with a longer label or a hint would otherwise stretch its input to the row's height.
    alignItems: 'start',
    // A select sizes itself to its longest option; without this it would push past its column.
    '& > *': { minWidth: 0 },
    [`& .${selectClassNames.root}`]: { minWidth: 0 },
    [`& .${selectClassNames.select}`]: { minWidth: 0, width: '100%' },
  },
  fieldset: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});
