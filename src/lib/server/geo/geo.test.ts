import { describe, expect, it } from 'vitest';
import { expectInvalid } from '../../../../tests/setup/domain-error.ts';
import { checkRadius, distanceKm, EARTH_RADIUS_KM, locationParam, parseLocation, radiusParam } from './index.ts';

describe('geographic kernel', () => {
  it('reads "INSEE code or LAT,LON" one way, naming what is wrong', () => {
    expect(parseLocation(' 46182 ')).toEqual({ code: '46182' });
    expect(parseLocation('2a004')).toEqual({ code: '2A004' });
    expect(parseLocation('44.48, 1.27')).toEqual({ lat: 44.48, lon: 1.27 });
    expect(parseLocation('-12.78,45.23')).toEqual({ lat: -12.78, lon: 45.23 });
    for (const text of ['', 'abc', '1,2,3', ',', '4618', '44,48;1,27', '0x1,2']) expect(parseLocation(text), text).toBe('location_format');
    for (const text of ['95,5', '44,181', '-91,0']) expect(parseLocation(text), text).toBe('near_out_of_range');
    expect(locationParam('near').safeParse('abc').error?.issues[0]?.message).toBe('location_format');
  });

  it('measures great circles on the mean Earth radius', () => {
    expect(EARTH_RADIUS_KM).toBe(6371.0088);
    // A quarter of a meridian.
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).toBeCloseTo((Math.PI / 2) * 6371.0088, 6);
    // Luzech → Cahors, official centres: about 14 km.
    expect(distanceKm({ lat: 44.4828, lon: 1.2716 }, { lat: 44.4508, lon: 1.4406 })).toBeCloseTo(13.9, 0);
    expect(distanceKm({ lat: 44.4, lon: 1.2 }, { lat: 44.4, lon: 1.2 })).toBe(0);
  });

  it('keeps a radius above 0 and within its limit, and says the limit', () => {
    expect(checkRadius(30)).toBe(30);
    expect(checkRadius(500)).toBe(500);
    for (const km of [0, -1, 501, Number.NaN, Number.POSITIVE_INFINITY]) expectInvalid(() => checkRadius(km), 'radius_invalid', { max: 500 });
    expectInvalid(() => checkRadius(201, 200), 'radius_invalid', { max: 200 });
    const issue = radiusParam(200).safeParse('250').error?.issues[0];
    expect(issue).toMatchObject({ message: 'radius_invalid', params: { max: 200 } });
  });
});
