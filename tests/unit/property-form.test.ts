import { directoryEntityInput, partyOrgKindOf } from '../../contract/functions/directory';
import { buildCountySeed } from '../../server/seed/county';
import { toSaveData, valuesFromStored, type Extras } from '../../src/utils/directoryKinds';

/**
 * 目录管理 → 物业企业 (红色物业): a company's stored fields (as directory.entry hands them out, the
 * party organisation kind derived for older entries) fill the form and, saved unchanged, come back
 * exactly — and the contract takes them. The ui layer checks the same through the built page.
 */
const EXTRAS: Extras = { pairedUnitIds: [], boundary: null, propertyCompanyId: null };

describe('the property company form', () => {
  const { propertyCompanies } = buildCountySeed();

  it.each(propertyCompanies.map((c) => [c._id, c] as const))('%s round-trips as stored', (_id, c) => {
    const stored = {
      name: c.name,
      partyOrgKind: partyOrgKindOf(c),
      partyOrgName: c.partyOrgName,
      instructor: c.instructor ?? null,
      liaisonName: c.liaisonName,
      liaisonPhone: c.liaisonPhone,
      liaisonOpenid: c.liaisonOpenid,
      communityIds: c.communityIds,
    };
    const data = toSaveData('propertyCompany', valuesFromStored('propertyCompany', stored), EXTRAS);
    expect(data).toEqual(stored);
    expect(directoryEntityInput.safeParse({ kind: 'propertyCompany', id: c._id, data }).success).toBe(true);
  });

  it('reads an older entry without the kind from hasPartyOrg', () => {
    const values = valuesFromStored('propertyCompany', { name: '兴国县旧物业服务有限公司', hasPartyOrg: false });
    expect(values.partyOrgKind).toBe('none');
    expect(partyOrgKindOf({ hasPartyOrg: true })).toBe('single');
  });
});
