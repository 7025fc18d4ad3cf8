module Accounts
  # Checks a password against the policy.
  #
  #   account = Account.new(name: 'rosa', password: 'uuENznZ4iKs2C')
  #   account.valid? # => true
  def self.check(password)
    password.length >= 12
  end
end
