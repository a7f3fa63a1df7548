package createpolicy

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/internal/jsonraw"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzCreate checks, for any body: no panic; a body that is not a JSON
// object is ErrSyntax and nothing else is; a rejected body is a
// VALIDATION_ERROR with at most api.MaxIssues issues, each at a path that
// exists in the body (a key sent, or [] for the body) and with a message in
// the API's words; nothing is written unless the request succeeds; and a
// valid body round-trips: the created policy's JSON, sent again, creates the
// same policy.
func FuzzCreate(f *testing.F) {
	for _, s := range []string{
		`{"carrierName":"Aetna","planName":"Medicare Elite","planCode":"H1290-036-001","aorFirstName":"John","aorLastName":"Doe","aorNpn":"123456789","policyLives":3}`,
		`{"policyType":"ma","planCode":"h1234001000","carrierName":"BCBS","status":"pending"}`,
		`{"policyType":"Dental","planCode":" X-1 ","policyLives":1e3,"sourceCallContext":{"id":1}}`,
		`{"planCode":"S1234-001-0","status":"terminated","riders":[1,2]}`,
		`{"carrierName":"Anthem","policyLives":1.5}`,
		`{"planName":"\ud800","planName":"x"}`,
		`{"metalLevel":"gold","id":"x"}`,
		`[]`, `{`, `{}`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, keep bool) {
		if len(body) > 1<<14 {
			return
		}
		opt := Options{KeepUnresolvedCarrier: keep}
		m := newMem(custNone, custTX)
		resp, err := Create(context.Background(), m, m, custTX.ID, body, opt)
		isObject := json.Valid(body) && jsonraw.KindOf(body) == jsonraw.Object
		var ve *api.ValidationError
		switch {
		case errors.Is(err, ErrSyntax):
			assert.False(t, isObject, "ErrSyntax for a JSON object")
			assert.Empty(t, m.policies)
			return
		case errors.As(err, &ve):
			require.True(t, isObject)
			assert.Empty(t, m.policies, "a rejected body writes nothing")
			assert.NotEmpty(t, ve.Errors)
			assert.LessOrEqual(t, len(ve.Errors), api.MaxIssues)
			keys := map[string]bool{}
			jsonraw.Members(body, func(k, v []byte) bool {
				if s, err := jsonraw.Unquote(k); err == nil {
					keys[s] = true
				}
				return true
			})
			for _, is := range ve.Errors {
				if len(is.Path) > 0 {
					assert.True(t, keys[is.Path[0]], "issue path %v not in the body", is.Path)
				}
				assert.NotEmpty(t, is.Code)
				assert.NotContains(t, is.Message, "plancode:")
				assert.NotContains(t, is.Message, "carrier:")
				assert.NotContains(t, is.Message, "termination:")
			}
			return
		}
		require.NoError(t, err)
		require.True(t, isObject)
		require.Len(t, m.policies, 1)

		// Round trip: the created policy, sent again, is the same policy.
		out, err := resp.Policy.MarshalJSON() // not json.Marshal, which re-escapes & in raw values
		require.NoError(t, err)
		m2 := newMem(custTX)
		resp2, err := Create(context.Background(), m2, m2, custTX.ID, out, opt)
		require.NoError(t, err, "%s", out)
		p1, p2 := resp.Policy, resp2.Policy
		p1.ID, p2.ID = "", ""
		assert.Equal(t, p1, p2, "%s", out)
		assert.False(t, strings.Contains(string(out), `"warnings"`))
	})
}
