RSpec.describe "session cookies" do
  secret_key_base = "46a0c25f4d9754e4b96e0cd6be6bec4d"

  it "signs the cookie" do
    expect(sign("a", secret_key_base)).not_to be_empty
  end
end
